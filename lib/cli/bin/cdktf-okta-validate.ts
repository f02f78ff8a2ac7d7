#!/usr/bin/env node
/** `cdktf-okta-validate ...`: the earlier name of `cdktf-okta validate ...`, which it runs. */
import { runBin } from "../program";

runBin("validate");
