#!/usr/bin/env node
/** `cdktf-okta-guard ...`: the earlier name of `cdktf-okta guard ...`, which it runs. */
import { runBin } from "../program";

runBin("guard");
