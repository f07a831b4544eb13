// The test projects of the monorepo: one per package that has tests, and the packaging suite
// (the published tarballs, installed as a user would).
export default ["packages/core", "packages/emulator", "apps/cli", "tests/packaging"]
