import effect from "@effect/eslint-plugin"
import tseslint from "typescript-eslint"

export default tseslint.config(
  {
    ignores: ["**/node_modules/**", "**/build/**", "**/dist/**", "**/bin/**", "**/*.mjs", "**/*.cjs", "**/docs/examples/**"]
  },
  // Type-aware lint: every .ts file is linted with the types of the tsconfig project that holds it
  // (found by the TypeScript project service from the nearest tsconfig.json and its references).
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname
      }
    }
  },
  ...effect.configs.dprint,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-namespace": "off",
      "@typescript-eslint/no-empty-object-type": "off",
      "@effect/dprint": [
        "error",
        {
          config: {
            indentWidth: 2,
            lineWidth: 110,
            semiColons: "asi",
            quoteStyle: "alwaysDouble",
            trailingCommas: "never",
            operatorPosition: "maintain",
            "arrowFunction.useParentheses": "force"
          }
        }
      ]
    }
  },
  // Vitest configuration files belong to no tsconfig project (except tests/packaging's, which its
  // "*.ts" include happens to hold), and the consumer app is a fixture compiled on its own against
  // the installed tarballs: these are linted without type information.
  {
    files: ["**/vitest.config.ts", "vitest.shared.ts", "vitest.workspace.ts", "tests/packaging/consumer-app/**"],
    extends: [tseslint.configs.disableTypeChecked]
  }
)
