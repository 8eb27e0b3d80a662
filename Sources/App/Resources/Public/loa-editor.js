// The newsroom editor's helpers. The form works without them; with them the body gets a toolbar,
// a live preview, a draft kept in this browser (restored after a lost session) and Word pasting.
(function () {
  "use strict";
  var form = document.querySelector("form[data-editor]");
  if (!form) return;
  var body = form.querySelector("textarea[name=body]");
  var csrf = form.querySelector("input[name=_csrf]");
  var key = form.getAttribute("data-draft-key");
  var previewURL = form.getAttribute("data-preview");
  var fields = ["title", "summary", "body", "author", "tags"];

  // --- Toolbar ---------------------------------------------------------------------------
  function wrap(before, after, placeholder) {
    var start = body.selectionStart, end = body.selectionEnd;
    var selected = body.value.slice(start, end) || placeholder;
    body.setRangeText(before + selected + after, start, end, "select");
    body.focus();
    changed();
  }
  function linePrefix(prefix) {
    var start = body.value.lastIndexOf("\n", body.selectionStart - 1) + 1;
    body.setRangeText(prefix, start, start, "end");
    body.focus();
    changed();
  }
  function insertBlock(text) {
    var at = body.selectionEnd;
    body.setRangeText("\n\n" + text + "\n\n", at, at, "end");
    body.focus();
    changed();
  }
  var actions = [
    ["Đậm", function () { wrap("**", "**", "chữ đậm"); }],
    ["Nghiêng", function () { wrap("*", "*", "chữ nghiêng"); }],
    ["Tiêu đề mục", function () { linePrefix("## "); }],
    ["Liệt kê", function () { linePrefix("- "); }],
    ["Đánh số", function () { linePrefix("1. "); }],
    ["Liên kết", function () {
      var url = window.prompt("Địa chỉ liên kết (https://…)", "https://");
      if (url) wrap("[", "](" + url + ")", "chữ liên kết");
    }],
    ["Ảnh", function () {
      var details = form.querySelector(".media-details");
      if (details) { details.open = true; var b = details.querySelector("button"); if (b) b.focus(); }
    }],
    ["Bảng", function () { insertBlock("| Cột 1 | Cột 2 |\n|---|---|\n| … | … |"); }]
  ];
  var toolbar = document.createElement("div");
  toolbar.className = "editor-toolbar";
  toolbar.setAttribute("role", "toolbar");
  toolbar.setAttribute("aria-label", "Định dạng nội dung");
  actions.forEach(function (a) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = a[0];
    b.addEventListener("click", a[1]);
    toolbar.appendChild(b);
  });
  body.parentNode.insertBefore(toolbar, body);
  form.querySelectorAll("[data-insert]").forEach(function (b) {
    b.addEventListener("click", function () { insertBlock(b.getAttribute("data-insert")); });
  });

  // --- Live preview ------------------------------------------------------------------------
  var preview = document.createElement("div");
  preview.className = "editor-preview article-body";
  preview.setAttribute("aria-live", "off");
  var previewHeading = document.createElement("h2");
  previewHeading.textContent = "Xem trước nội dung";
  body.parentNode.insertBefore(preview, body.nextSibling);
  body.parentNode.insertBefore(previewHeading, preview);
  var timer = null;
  function refreshPreview() {
    if (!previewURL || !csrf) return;
    var request = new XMLHttpRequest();
    request.open("POST", previewURL);
    request.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
    request.setRequestHeader("X-CSRF-Token", csrf.value);
    request.onload = function () { if (request.status === 200) preview.innerHTML = request.responseText; };
    request.send("body=" + encodeURIComponent(body.value));
  }

  // --- Draft kept in the browser -------------------------------------------------------------
  function snapshot() {
    var data = { savedAt: Date.now() };
    fields.forEach(function (name) { var f = form.elements[name]; if (f) data[name] = f.value; });
    return data;
  }
  function changed() {
    try { localStorage.setItem(key, JSON.stringify(snapshot())); } catch (e) { /* storage full or disabled */ }
    clearTimeout(timer);
    timer = setTimeout(refreshPreview, 600);
  }
  form.addEventListener("input", changed);
  var stored = null;
  try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
  var differs = stored && fields.some(function (name) {
    var f = form.elements[name];
    return f && typeof stored[name] === "string" && stored[name] !== f.value;
  });
  if (differs) {
    var notice = document.createElement("div");
    notice.className = "notice";
    notice.setAttribute("role", "status");
    var text = document.createElement("p");
    text.textContent = "Có bản nháp chưa lưu trên máy này (lúc " + new Date(stored.savedAt).toLocaleString("vi-VN") + "), ví dụ khi phiên đăng nhập đã hết hạn.";
    var restore = document.createElement("button");
    restore.type = "button";
    restore.textContent = "Khôi phục bản nháp";
    restore.addEventListener("click", function () {
      fields.forEach(function (name) { var f = form.elements[name]; if (f && typeof stored[name] === "string") f.value = stored[name]; });
      notice.remove();
      refreshPreview();
    });
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "secondary";
    discard.textContent = "Bỏ bản nháp";
    discard.addEventListener("click", function () { localStorage.removeItem(key); notice.remove(); });
    notice.appendChild(text); notice.appendChild(restore); notice.appendChild(document.createTextNode(" ")); notice.appendChild(discard);
    form.parentNode.insertBefore(notice, form);
  }
  // A successful save lands on the editor again with ?tb=da-luu: the draft is then on the server.
  if (/[?&]tb=da-luu/.test(location.search) && !differs) localStorage.removeItem(key);
  refreshPreview();

  // --- Pasting from Word: keep paragraphs, headings, lists, bold and tables ---------------------
  body.addEventListener("paste", function (event) {
    var html = event.clipboardData && event.clipboardData.getData("text/html");
    if (!html) return;
    var doc = new DOMParser().parseFromString(html, "text/html");
    var markdown = toMarkdown(doc.body).replace(/\n{3,}/g, "\n\n").trim();
    if (!markdown) return;
    event.preventDefault();
    body.setRangeText(markdown, body.selectionStart, body.selectionEnd, "end");
    changed();
  });
  function inline(node) {
    var out = "";
    node.childNodes.forEach(function (child) {
      if (child.nodeType === 3) { out += child.textContent.replace(/\s+/g, " "); return; }
      if (child.nodeType !== 1) return;
      var tag = child.tagName.toLowerCase();
      var inner = inline(child);
      var style = (child.getAttribute("style") || "").toLowerCase();
      if (tag === "b" || tag === "strong" || /font-weight:\s*(bold|700)/.test(style)) out += inner.trim() ? "**" + inner.trim() + "** " : "";
      else if (tag === "i" || tag === "em") out += inner.trim() ? "*" + inner.trim() + "* " : "";
      else if (tag === "a" && /^https?:/.test(child.getAttribute("href") || "")) out += "[" + inner.trim() + "](" + child.getAttribute("href") + ")";
      else if (tag === "br") out += "\n";
      else out += inner;
    });
    return out;
  }
  function toMarkdown(root) {
    var out = "";
    root.childNodes.forEach(function (node) {
      if (node.nodeType === 3) { if (node.textContent.trim()) out += node.textContent.trim() + "\n\n"; return; }
      if (node.nodeType !== 1) return;
      var tag = node.tagName.toLowerCase();
      var cls = node.getAttribute("class") || "";
      var text = inline(node).trim();
      if (/^h[1-2]$/.test(tag)) out += "## " + text + "\n\n";
      else if (/^h[3-6]$/.test(tag)) out += "### " + text + "\n\n";
      else if (tag === "ul" || tag === "ol") {
        node.querySelectorAll(":scope > li").forEach(function (li, i) { out += (tag === "ol" ? (i + 1) + ". " : "- ") + inline(li).trim() + "\n"; });
        out += "\n";
      } else if (tag === "table") {
        node.querySelectorAll("tr").forEach(function (tr, i) {
          var cells = Array.prototype.map.call(tr.children, function (c) { return inline(c).trim().replace(/\|/g, "/"); });
          out += "| " + cells.join(" | ") + " |\n";
          if (i === 0) out += "|" + cells.map(function () { return "---"; }).join("|") + "|\n";
        });
        out += "\n";
      } else if (tag === "p" && /MsoListParagraph/.test(cls)) {
        // Word's own lists are paragraphs with a bullet or number typed at the start.
        out += "- " + text.replace(/^[·•o§\-\d.)\s]+/, "") + "\n";
      } else if (tag === "p" || tag === "div" || tag === "blockquote") {
        var inner = node.querySelector("p, ul, ol, table, h1, h2, h3") ? toMarkdown(node) : (text ? text + "\n\n" : "");
        out += inner;
      } else if (text) out += text + "\n\n";
    });
    return out;
  }
})();
