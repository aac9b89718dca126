// custom-elements.json from the elements' JSDoc (@tag, @fires, @csspart, @cssproperty, ...),
// read by Storybook for controls/docs and by editors through package.json "customElements".
// Each class names its tag with @tag; test/build/dist.test.ts checks those against the tags
// the index files define.

export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.test.ts', 'components/**/*.stories.ts', 'components/embed.ts'],
  outdir: '.',
  litelement: true,
  // true would write a "customElements" field into package.json; the lead owns that file.
  packagejson: false,
};
