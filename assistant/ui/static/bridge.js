// Links of the page that ask the server for something: citations in answers
// (href="#src-<turn>-<key>") open that source in the sources panel; column heads of the library
// table (href="#sort-<column>") sort it. The link's key is handed to the server through a hidden
// button; for sources the server looks them up among this session's own answers, so no file
// path ever comes from the page.
(() => {
  function forwardLinks(prefix, variable, buttonId) {
    document.addEventListener(
      "click",
      (event) => {
        const link = event.target instanceof Element ? event.target.closest(`a[href^='${prefix}']`) : null;
        if (!link) return;
        event.preventDefault();
        event.stopPropagation();
        window[variable] = link.getAttribute("href").slice(prefix.length);
        const button = document.getElementById(buttonId);
        if (button) button.click();
      },
      true,
    );
  }
  forwardLinks("#src-", "newsAssistantSource", "cite-open");
  forwardLinks("#sort-", "newsAssistantSort", "sort-open");

  // Scroll the opened article to its highlighted passage; with `bringIntoView`, also scroll the
  // page to the panel when it is out of sight (on a phone it sits under the chat). The panel is
  // re-rendered by the server after this is called, later on a busy machine: look for the new
  // passage for a while and scroll each passage once, so a reader's own scrolling is left alone.
  const shown = new WeakSet();
  window.newsAssistantShowPassage = (bringIntoView) => {
    const until = Date.now() + 3000;
    const look = () => {
      const card = document.querySelector("#sources details.selected");
      const mark = card && card.querySelector("mark");
      const box = mark && mark.closest(".article-text");
      if (box && !shown.has(mark)) {
        shown.add(mark);
        box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 4);
        if (bringIntoView) card.scrollIntoView({ block: "nearest", behavior: "smooth" });
      }
      if (Date.now() < until) setTimeout(look, 100);
    };
    setTimeout(look, 50);
  };

  // A message as plain text: the answer with its [n] markers, then its sources, one a line;
  // never the HTML it is shown with, nor the timings line.
  window.newsAssistantPlainText = (content) => {
    const answer = content.querySelector(".answer, .abstained, .answer-error, .stopped");
    if (!answer) return content.innerText.trim();
    let text = answer.innerText.trim();
    const sources = [...content.querySelectorAll(".source-list li")].map((item) =>
      item.innerText.replace(/\s+/g, " ").trim(),
    );
    if (sources.length && content.querySelector(".answer")) text += "\n\nSources:\n" + sources.join("\n");
    return text;
  };

  // The chat's copy buttons copy that plain text (Gradio's own would copy the message's HTML).
  document.addEventListener(
    "click",
    (event) => {
      const target = event.target instanceof Element ? event.target : null;
      const button = target && target.closest("#chat button[aria-label='Copy message']");
      if (!button) return;
      // The buttons follow their message: the nearest message before them is the one copied.
      let row = button.closest(".message-buttons") || button.parentElement;
      while (row && !(row.querySelector && row.querySelector(".message-content"))) {
        row = row.previousElementSibling;
      }
      const content = row && row.querySelector(".message-content");
      if (!content) return;
      event.preventDefault();
      event.stopPropagation();
      const text = window.newsAssistantPlainText(content);
      window.newsAssistantCopied = text;
      if (navigator.clipboard) navigator.clipboard.writeText(text).catch(() => {});
      button.setAttribute("title", "Copied");
      setTimeout(() => button.setAttribute("title", "Copy message"), 1500);
    },
    true,
  );
})();
