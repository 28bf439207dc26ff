// The menu (WCAG 2.1: 4.1.2 name, role, value; 2.1.1 keyboard). Without this script the
// menu stays open on a phone and every group is a plain <details>; with it, a phone shows
// the menu behind a button whose aria-expanded tells its state, one group opens at a time
// and Escape closes the open group.
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector(".menu-toggle");
  const groups = Array.from(document.querySelectorAll(".menu-group"));
  if (button) {
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      const current = groups.find((group) => group.classList.contains("current"));
      if (open && current) current.open = true;
    });
  }
  groups.forEach((group) => group.addEventListener("toggle", () => {
    if (group.open) groups.forEach((other) => { if (other !== group) other.open = false; });
  }));
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = groups.find((group) => group.open);
    if (open) { open.open = false; open.querySelector("summary").focus(); }
  });
});
