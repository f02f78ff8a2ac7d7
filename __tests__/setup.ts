import { Testing } from "cdktf";

// toHaveResource, toHaveResourceWithProperties and friends.
Testing.setupJest();
import "cdktf/lib/testing/adapters/jest"; // types of the toHaveResource* matchers
