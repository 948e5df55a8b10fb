// kbgen default theme script. Progressive enhancement only: every page works without it.

// The root page lists the languages; send the reader to the first one they prefer.
const picker = document.querySelector("[data-language-picker]");
if (picker) {
  const links = [...picker.querySelectorAll("a[data-locale]")];
  const byCode = new Map(links.map((a) => [a.dataset.locale.toLowerCase(), a]));
  const wanted = navigator.languages?.length ? navigator.languages : [navigator.language];
  const match = wanted
    .map((tag) => (tag || "").toLowerCase())
    .map((tag) => byCode.get(tag) ?? byCode.get(tag.split("-")[0]))
    .find(Boolean);
  location.replace((match ?? picker.querySelector("[data-default]") ?? links[0]).href);
}
