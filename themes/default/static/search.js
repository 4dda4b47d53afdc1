// Site search, in the browser: reads the index `tanrak build` wrote under search/<lang>/.
// No framework. The query is cut into words with Intl.Segmenter (the same words as the
// build's dictionary segmenter); without it, the query is matched against the index's own
// words. Only the index head, the shards of the query's words and the page lists of the
// results shown are downloaded.
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (!form || !window.fetch || !Array.from) return;
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var d = form.dataset;
  document.getElementById('search-no-script').hidden = true;

  var SHOWN = 20;
  var cache = {};
  function json(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ': ' + r.status);
        return r.json();
      });
    }
    return cache[url];
  }

  var seg = null;
  try {
    if (window.Intl && Intl.Segmenter) seg = new Intl.Segmenter(d.lang, { granularity: 'word' });
  } catch (e) { seg = null; }

  // Chunks of the query: words where the browser can segment, else runs between spaces and
  // punctuation (a Thai run is cut against the index's words later).
  function chunks(q) {
    q = q.toLowerCase().replace(/[\u0e50-\u0e59]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0x0e50 + 48);
    });
    if (q.normalize) q = q.normalize('NFC');
    if (seg) {
      return Array.from(seg.segment(q))
        .filter(function (s) { return s.isWordLike; })
        .map(function (s) { return s.segment; });
    }
    return q.split(/[\s!-\/:-@\[-`{-~\u2018-\u201d\u2026]+/).filter(Boolean);
  }

  // The shards whose key begins `text`, longest key first (the list is sorted so).
  function shardsFor(meta, text) {
    return meta.shards.filter(function (s) { return text.lastIndexOf(s[0], 0) === 0; });
  }
  function load(meta, text) {
    return Promise.all(shardsFor(meta, text).map(function (s) {
      return json(d.index + s[1] + '.json');
    }));
  }

  // Whether a and b are at most one edit (insert, delete, change) apart.
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++;
      else if (b.length > a.length) j++;
      else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }

  // Postings of one query word: exact, else words it begins (typing), else one edit away.
  function lookup(word, shards) {
    var found = [];
    shards.forEach(function (sh) {
      if (sh[word]) found.push([word, sh[word], 1]);
    });
    if (found.length) return found;
    shards.forEach(function (sh) {
      Object.keys(sh).forEach(function (t) {
        if (t.length > word.length && t.lastIndexOf(word, 0) === 0) found.push([t, sh[t], 2]);
        else if (word.length >= 4 && oneEdit(word, t)) found.push([t, sh[t], 3]);
      });
    });
    return found.slice(0, 30);
  }

  // Without Intl.Segmenter: cut a run of Thai into the longest words the index has.
  function cut(meta, run) {
    var words = [];
    function step(rest) {
      if (!rest) return Promise.resolve(words);
      return load(meta, rest).then(function (shards) {
        var best = '';
        shards.forEach(function (sh) {
          Object.keys(sh).forEach(function (t) {
            if (t.length > best.length && rest.lastIndexOf(t, 0) === 0) best = t;
          });
        });
        if (!best) { words.push(rest); return words; }
        words.push(best);
        return step(rest.slice(best.length));
      });
    }
    return step(run);
  }

  function words(meta, q) {
    var cs = chunks(q);
    if (seg) return Promise.resolve(cs);
    return Promise.all(cs.map(function (c) {
      return /[\u0e00-\u0e7f]/.test(c) ? cut(meta, c) : [c];
    })).then(function (parts) { return [].concat.apply([], parts); });
  }

  function search(q) {
    return json(d.index + 'index.json').then(function (meta) {
      return words(meta, q).then(function (ws) {
        ws = ws.filter(function (w, i) { return ws.indexOf(w) === i; });
        return Promise.all(ws.map(function (w) { return load(meta, w); })).then(function (all) {
          var pages = {}, marks = ws.slice();
          ws.forEach(function (w, i) {
            var best = {};
            lookup(w, all[i]).forEach(function (hit) {
              if (marks.indexOf(hit[0]) < 0) marks.push(hit[0]);
              var p = hit[1];
              for (var k = 0; k < p.length; k += 2) {
                var score = Math.floor(p[k + 1] / hit[2]);
                if (!(best[p[k]] >= score)) best[p[k]] = score;
              }
            });
            Object.keys(best).forEach(function (id) {
              var r = pages[id] || (pages[id] = { id: +id, words: 0, score: 0 });
              r.words++;
              r.score += best[id];
            });
          });
          var results = Object.keys(pages).map(function (k) { return pages[k]; });
          results.sort(function (a, b) {
            return b.words - a.words || b.score - a.score || a.id - b.id;
          });
          // The page lists of the results shown.
          var files = [];
          results.slice(0, SHOWN).forEach(function (r) {
            var n = Math.floor(r.id / meta.per);
            if (files.indexOf(n) < 0) files.push(n);
          });
          return Promise.all(files.map(function (n) {
            return json(d.index + 'pages-' + n + '.json');
          })).then(function (lists) {
            var pages = {};
            files.forEach(function (n, i) { pages[n] = lists[i]; });
            return {
              page: function (id) { return pages[Math.floor(id / meta.per)][id % meta.per]; },
              results: results, marks: marks,
            };
          });
        });
      });
    });
  }

  // `text` with the query's words marked, built as nodes (never as HTML).
  function marked(el, text, marks) {
    var lower = text.toLowerCase(), at = 0;
    var ms = marks.filter(Boolean).sort(function (a, b) { return b.length - a.length; });
    while (at < text.length) {
      var next = -1, len = 0;
      ms.forEach(function (m) {
        var i = lower.indexOf(m, at);
        if (i >= 0 && (next < 0 || i < next || (i === next && m.length > len))) { next = i; len = m.length; }
      });
      if (next < 0) break;
      el.appendChild(document.createTextNode(text.slice(at, next)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(next, next + len);
      el.appendChild(mark);
      at = next + len;
    }
    el.appendChild(document.createTextNode(text.slice(at)));
    return el;
  }

  function say(template, n, q) {
    status.textContent = template.replace('{n}', n).replace('{q}', q);
  }

  function show(q, found) {
    list.textContent = '';
    var rs = found.results;
    rs.slice(0, SHOWN).forEach(function (r) {
      var page = found.page(r.id);
      var li = document.createElement('li');
      var a = marked(document.createElement('a'), page[1], found.marks);
      a.href = page[0];
      var h = document.createElement('h2');
      h.appendChild(a);
      li.appendChild(h);
      if (page[2] && page[2] !== page[1]) {
        li.appendChild(marked(document.createElement('p'), page[2], found.marks)).className = 'search-area';
      }
      if (page[3]) li.appendChild(marked(document.createElement('p'), page[3], found.marks));
      list.appendChild(li);
    });
    say(rs.length === 0 ? d.none : rs.length === 1 ? d.countOne : d.count, rs.length, q);
    if (rs.length > SHOWN) status.textContent += ' ' + d.more.replace('{shown}', SHOWN);
  }

  function run(q) {
    q = q.trim();
    if (!q) { list.textContent = ''; status.textContent = ''; return; }
    status.textContent = d.loading;
    search(q).then(function (found) { show(q, found); }, function () {
      list.textContent = '';
      status.textContent = d.failed;
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var q = input.value;
    if (window.history && history.replaceState) {
      history.replaceState(null, '', '?q=' + encodeURIComponent(q.trim()));
    }
    run(q);
  });
  var given = new URLSearchParams(location.search).get('q');
  if (given) { input.value = given; run(given); }
})();
