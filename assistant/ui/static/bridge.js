// Citation links in answers (href="#src-<turn>-<key>") open that source in the sources panel.
// The link's key is handed to the server through a hidden button; the server looks the source up
// among this session's own answers, so no file path ever comes from the page.
(() => {
  function openSource(key) {
    const button = document.getElementById("cite-open");
    if (!button) return;
    window.newsAssistantSource = key;
    button.click();
  }

  // Scroll the opened article to its highlighted passage; with `bringIntoView`, also scroll the
  // page to the panel when it is out of sight (on a phone it sits under the chat).
  window.newsAssistantShowPassage = (bringIntoView) => {
    setTimeout(() => {
      const card = document.querySelector("#sources details.selected");
      const mark = card && card.querySelector("mark");
      const box = mark && mark.closest(".article-text");
      if (box) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 4);
      if (card && bringIntoView) card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }, 80);
  };

  document.addEventListener(
    "click",
    (event) => {
      const link = event.target instanceof Element ? event.target.closest("a[href^='#src-']") : null;
      if (!link) return;
      event.preventDefault();
      event.stopPropagation();
      openSource(link.getAttribute("href").slice("#src-".length));
    },
    true,
  );
})();
