// Linting for lib/, stacks/, bench/, scripts/ and the tests: typescript-eslint's recommended rules.
// Rules switched off here say why; an inline eslint-disable needs a reason on its line.
import js from "@eslint/js";
import comments from "@eslint-community/eslint-plugin-eslint-comments";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", ".gen/**", "cdktf.out/**", "node_modules/**", "lib/starter/app/**", "**/*.d.ts", "__tests__/fixtures/**/*.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "@eslint-community/eslint-comments": comments },
    rules: {
      // A disable says why, on its line: "// eslint-disable-next-line rule -- the reason".
      "@eslint-community/eslint-comments/require-description": ["error", { ignore: [] }],
      "@eslint-community/eslint-comments/no-unlimited-disable": "error",
      // Terraform JSON and provider schemas are untyped documents; `any` marks where we read them.
      "@typescript-eslint/no-explicit-any": "off",
      // tsc's noUnusedLocals/noUnusedParameters already report these.
      "@typescript-eslint/no-unused-vars": "off",
      // Tests and scripts load JSON fixtures and optional modules with require().
      "@typescript-eslint/no-require-imports": "off",
      "no-control-regex": "off", // the whitespace policy matches control characters on purpose
    },
  },
  {
    // The scripts in plain JavaScript run under Node.js as CommonJS.
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", exports: "writable", process: "readonly", console: "readonly", __dirname: "readonly", __filename: "readonly", Buffer: "readonly" },
    },
  },
);
