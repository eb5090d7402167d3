/**
 * The repository's Prettier settings the generators reproduce by hand: the generated files are
 * compared byte for byte in a unit test, and Prettier's API cannot run inside Jest (it needs
 * ESM dynamic import). `prettier --check` over the committed files keeps the two in agreement.
 */
export const PRINT_WIDTH = 100;
export const INDENT = '  ';
