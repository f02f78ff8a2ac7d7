#!/usr/bin/env node
/** `cdktf-okta-cost ...`: the earlier name of `cdktf-okta cost ...`, which it runs. */
import { runBin } from "../program";

runBin("cost");
