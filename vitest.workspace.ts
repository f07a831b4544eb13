// The test projects of the monorepo: one per package that has tests.
export default ["packages/core", "packages/emulator", "apps/cli"]
