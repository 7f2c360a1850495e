// custom-elements.json is generated from the elements' JSDoc; package.json is left alone.
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.test.ts', 'src/components/**/*.styles.ts'],
  litelement: true,
  packagejson: false,
};
