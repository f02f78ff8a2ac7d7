#!/usr/bin/env node
/** `cdktf-okta <command>`: see lib/cli/program.ts. */
import { runBin } from "../program";

runBin();
