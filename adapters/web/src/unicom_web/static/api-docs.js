// Start Swagger UI or ReDoc on the API's document (unicom_web.api_docs): the page names the
// UI and the document's URL in data attributes, since the hall runs no inline script.
document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("api-docs");
  if (!root) return;
  const url = root.dataset.specUrl;
  if (root.dataset.ui === "swagger") {
    window.ui = SwaggerUIBundle({ url, domNode: root, deepLinking: true });
  } else if (root.dataset.ui === "redoc") {
    Redoc.init(url, {}, root);
  }
});
