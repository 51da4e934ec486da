// Lint rules: typescript-eslint's recommended type-aware set, plus Pulumi's Output rules.
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

export default tseslint.config(
    { ignores: ["node_modules/**", "dist/**", "**/*.js", "**/*.mjs", ".pulumi-*/**", ".emulator/**"] },
    ...tseslint.configs.recommended,
    {
        plugins: { "@pulumi": pulumi },
        languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            "@typescript-eslint/no-floating-promises": "error",
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
            ],
        },
    },
    {
        // The examples and templates import the package by name; their tsconfig maps it to the source.
        files: ["examples/**/*.ts", "templates/**/*.ts"],
        languageOptions: {
            parserOptions: {
                projectService: false,
                project: "./tsconfig.examples.json",
                tsconfigRootDir: import.meta.dirname,
            },
        },
    },
);
