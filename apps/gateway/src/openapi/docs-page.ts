/** Where the reference lives; the page refers to its files by absolute paths, so `/api/docs/` works as well. */
export const DOCS_PATH = '/api/docs';
export const DOCUMENT_PATH = `${DOCS_PATH}/openapi.json`;
export const ASSETS_PATH = `${DOCS_PATH}/assets`;

/**
 * What the page may load: its own scripts, styles and data: images (swagger-ui's icons), and requests to this
 * gateway only ("Try it out"). No inline script, no other origin.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Starts Swagger UI on the document; `validatorUrl: null` keeps it from calling the public validator. */
export const DOCS_SCRIPT = `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(DOCUMENT_PATH)},
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

export function docsPage(asset: (source: string) => string): string {
  const url = (source: string) => `${ASSETS_PATH}/${asset(source)}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>mall gateway · API reference</title>
    <link rel="icon" type="image/png" href="${url('favicon-32x32.png')}">
    <link rel="stylesheet" href="${url('swagger-ui.css')}">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${url('swagger-ui-bundle.js')}"></script>
    <script src="${url('docs.js')}"></script>
  </body>
</html>
`;
}
