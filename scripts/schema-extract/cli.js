#!/usr/bin/env node
// Runs scripts/schema-extract/main.ts without a build step: TypeScript's own transpileModule
// (typescript is a dev dependency) compiles each .ts file of the extractor as Node loads it.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

const here = __dirname;
const previous = require.extensions[".ts"];
require.extensions[".ts"] = function compile(module, filename) {
  if (!filename.startsWith(here + path.sep)) return previous ? previous(module, filename) : undefined;
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
  });
  module._compile(outputText, filename);
};
process.exitCode = require("./main.ts").main(process.argv.slice(2));
