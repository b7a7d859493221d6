// The linter for structgen's own code (`npm run lint`): typescript-eslint's type-aware rules over src/, test/,
// templates/ and bin/. Generated files (fixtures/) are checked by the tests that compile them, not here.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "fixtures/**", "node_modules/**", "coverage/**", "generated/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ["./test/tsconfig.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      curly: "error",
      // structgen escapes and validates text character by character: control characters in its patterns are meant.
      "no-control-regex": "off",
      eqeqeq: ["error", "always"],
      "no-console": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    // The bin shim and the test loader hooks are plain JavaScript outside every tsconfig.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: "readonly", console: "readonly", URL: "readonly" },
    },
  },
  {
    // The runtime helpers are copied into generated files as written, so their text is output: their one-line
    // `if (...) return x;` is what users read, and `_HAS_OWN.call(...)` is the point of `_HAS_OWN`.
    files: ["templates/**"],
    rules: { curly: "off", "@typescript-eslint/unbound-method": "off" },
  },
  {
    // Tests and the bench report on the console and measure; the CLI is the only place in src/ that prints.
    files: ["test/**"],
    rules: { "no-console": "off" },
  },
);
