#!/usr/bin/env node
/** `cdktf-okta-promotion-diff ...`: the earlier name of `cdktf-okta promotion-diff ...`, which it runs. */
import { runBin } from "../program";

runBin("promotion-diff");
