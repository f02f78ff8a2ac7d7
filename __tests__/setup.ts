import { Testing } from "cdktf";

// toHaveResource, toHaveResourceWithProperties and friends.
Testing.setupJest();
