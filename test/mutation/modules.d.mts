/** Types of modules.mjs (read by Stryker's config and the Makefile as plain JavaScript). */
export interface MutationModule {
  /** Files, or `file:from-to` line ranges, Stryker mutates. */
  mutate: string[];
  /** The test files that guard them. */
  tests: string[];
}
export declare const MUTATION_MODULES: Record<string, MutationModule>;
export declare function lineOf(file: string, text: string): number;
export declare function endOf(file: string, text: string): number;
