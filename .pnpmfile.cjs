// The manifest a tarball carries (`pnpm pack`, `pnpm publish`) is the package.json without what only
// this workspace uses: the `@cfbulk/source` export condition that resolves siblings to their
// TypeScript sources, the scripts (they call files outside the package) and the devDependencies.
const SourceCondition = "@cfbulk/source"

const withoutSourceCondition = (exports) => {
  if (exports === null || typeof exports !== "object" || Array.isArray(exports)) return exports
  return Object.fromEntries(
    Object.entries(exports)
      .filter(([key]) => key !== SourceCondition)
      .map(([key, value]) => [key, withoutSourceCondition(value)])
  )
}

module.exports = {
  hooks: {
    beforePacking(pkg) {
      if (pkg.exports !== undefined) pkg.exports = withoutSourceCondition(pkg.exports)
      delete pkg.scripts
      delete pkg.devDependencies
      return pkg
    }
  }
}
