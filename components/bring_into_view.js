// After "Next" or "Back": put the new part's top at the top of the screen and move keyboard
// focus to its heading, so that nothing looks unchanged and the next tap does not skip a part.
// Static, trusted code: it reads only the container's CSS class and a move counter.
export default function (component) {
  const data = component.data || {};
  const target = data.target;
  const moves = data.moves;
  if (!target || !moves) return;
  const seen = (window.__cartMoves = window.__cartMoves || {});
  if (seen[target] === moves) return;
  seen[target] = moves;
  const attempt = (left) => {
    const box = document.querySelector("." + CSS.escape(target));
    if (!box) {
      if (left > 0) setTimeout(() => attempt(left - 1), 50);
      return;
    }
    box.scrollIntoView({ block: "start" });
    const heading = box.querySelector("h1, h2, h3, h4") || box;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  };
  attempt(40);
}
