/** The tests run on the TypeScript sources, transpiled only: `npm test` type-checks them first (tsc). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false, tsconfig: { isolatedModules: true } }],
  },
  testTimeout: 60000,
};
