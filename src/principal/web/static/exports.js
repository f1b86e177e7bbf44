// Export downloads with progress: the file is fetched here, its progress shown in #export-progress, then saved.
// Without JavaScript the links download as usual.
document.addEventListener("click", async function (event) {
  var link = event.target instanceof Element ? event.target.closest("a.export-link") : null;
  var status = document.getElementById("export-progress");
  if (!link || !status || !window.fetch || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  var name = link.getAttribute("download") || "export";
  var started = Date.now();
  status.textContent = "Preparing " + name + "…";
  var ticking = setInterval(function () {
    status.textContent = "Preparing " + name + "… " + Math.round((Date.now() - started) / 1000) + " s";
  }, 1000);
  try {
    var response = await fetch(link.href, { credentials: "same-origin" });
    clearInterval(ticking);
    if (!response.ok) { status.textContent = name + " could not be made (" + response.status + ")."; return; }
    var total = Number(response.headers.get("content-length")) || 0;
    var reader = response.body.getReader();
    var chunks = [], received = 0;
    for (;;) {
      var part = await reader.read();
      if (part.done) break;
      chunks.push(part.value);
      received += part.value.length;
      status.textContent = "Downloading " + name + ": " + (total ? Math.round(100 * received / total) + "%" : Math.round(received / 1024) + " KB");
    }
    var url = URL.createObjectURL(new Blob(chunks, { type: response.headers.get("content-type") || "" }));
    var save = document.createElement("a");
    save.href = url; save.download = name; document.body.appendChild(save); save.click(); save.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    status.textContent = name + " is ready (" + Math.round(received / 1024) + " KB, " + Math.round((Date.now() - started) / 100) / 10 + " s).";
  } catch (error) {
    clearInterval(ticking);
    status.textContent = name + " could not be downloaded: " + error;
  }
});
