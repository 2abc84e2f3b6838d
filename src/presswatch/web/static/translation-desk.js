// Translation desk: keyboard shortcuts over plain forms (the page works without this file).
//   j / k        next / previous paragraph        e      edit the paragraph's draft
//   a            accept the paragraph              Esc    leave the text box
//   Ctrl+Enter   save the paragraph being edited (Ctrl+Shift+Enter: save and accept)
(function () {
  "use strict";
  var paras = Array.prototype.slice.call(document.querySelectorAll(".tdesk .para"));
  if (!paras.length) { return; }
  var current = 0;

  function select(index, focus) {
    current = Math.max(0, Math.min(paras.length - 1, index));
    paras.forEach(function (p, i) { p.classList.toggle("is-current", i === current); });
    if (focus !== false) {
      paras[current].focus({ preventScroll: true });
      paras[current].scrollIntoView({ block: "nearest" });
    }
  }

  function submit(para, action) {
    var form = para.querySelector("form.edit-form");
    var button = form && form.querySelector("button[value='" + action + "']");
    if (button) { form.requestSubmit(button); }
  }

  function typing(target) {
    return target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT" ||
                      target.tagName === "SELECT" || target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && typing(event.target)) {
      var para = event.target.closest(".para");
      if (para) {
        event.preventDefault();
        submit(para, event.shiftKey ? "accept" : "save");
      }
      return;
    }
    if (event.key === "Escape" && typing(event.target)) {
      var owner = event.target.closest(".para");
      event.target.blur();
      if (owner) { select(paras.indexOf(owner)); }
      return;
    }
    if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "j") { select(current + 1); }
    else if (event.key === "k") { select(current - 1); }
    else if (event.key === "e") {
      var box = paras[current].querySelector("textarea");
      if (box) { event.preventDefault(); box.focus(); box.setSelectionRange(box.value.length, box.value.length); }
    }
    else if (event.key === "a") { submit(paras[current], "accept"); }
    else { return; }
  });

  paras.forEach(function (p, i) {
    p.addEventListener("focusin", function () { select(i, false); });
  });
  var fromHash = paras.findIndex(function (p) { return "#" + p.id === window.location.hash; });
  select(fromHash >= 0 ? fromHash : 0, fromHash >= 0);
  document.documentElement.classList.add("tdesk-js");
}());
