// The catalogue JSON is generated at build time; its shape is checked at run time by catalogueSchema.
declare module '*/generated/catalogue.json' {
  const value: unknown;
  export default value;
}
