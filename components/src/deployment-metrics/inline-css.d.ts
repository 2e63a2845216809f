// Vite's `?inline` CSS import: the stylesheet's text (vite/client declares it too, but this package uses no
// ambient types).
declare module '*.css?inline' {
  const css: string;
  export default css;
}
