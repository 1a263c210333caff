#!/usr/bin/env python3
"""gen_post.py SIZE_KB: print a deterministic HTML blog post of about
SIZE_KB kilobytes, shaped like a long Planet Python post: headings,
paragraphs with links, emphasis and inline code, Pygments-highlighted
Python blocks, lists, a table, a blockquote, images, entities and a
little non-ASCII text.  Used by bench/run.sh."""
import random
import sys

WORDS = ("the parser cache asyncio event loop generator iterator context "
         "manager decorator closure import module package wheel virtualenv "
         "typing protocol dataclass coroutine thread lock queue benchmark "
         "profile memory allocation interpreter bytecode frame exception "
         "traceback fixture test suite pytest coverage release version "
         "dependency lockfile build system documentation tutorial").split()
KW = ("def", "class", "return", "import", "from", "for", "in", "if",
      "else", "with", "as", "yield", "await", "async", "try", "except")


def sentence(r):
    n = r.randint(8, 22)
    ws = [r.choice(WORDS) for _ in range(n)]
    out = []
    for i, w in enumerate(ws):
        x = r.random()
        if x < 0.05:
            out.append('<a href="/posts/%d.html">%s</a>' % (r.randint(1, 999), w))
        elif x < 0.09:
            out.append("<code>%s()</code>" % w)
        elif x < 0.12:
            out.append("<em>%s</em>" % w)
        else:
            out.append(w)
    s = " ".join(out)
    return s[0].upper() + s[1:] + r.choice([".", ".", "!", "?", " &mdash; really."])


def code_block(r):
    lines = []
    name = r.choice(WORDS).replace("-", "_")
    lines.append('<span class="nd">@functools</span><span class="o">.</span>'
                 '<span class="n">cache</span>')
    lines.append('<span class="k">def</span> <span class="nf">%s</span>'
                 '<span class="p">(</span><span class="n">x</span><span class="p">):</span>' % name)
    lines.append('    <span class="sd">&quot;&quot;&quot;Compute the %s.&quot;&quot;&quot;</span>' % r.choice(WORDS))
    for _ in range(r.randint(4, 14)):
        ind = "    " * r.randint(1, 3)
        v = r.choice(WORDS)
        lines.append('%s<span class="n">%s</span> <span class="o">=</span> '
                     '<span class="n">x</span><span class="o">.</span><span class="n">%s</span>'
                     '<span class="p">(</span><span class="mi">%d</span><span class="p">,</span> '
                     '<span class="s2">&quot;%s&quot;</span><span class="p">)</span>  '
                     '<span class="c1"># %s &amp; %s</span>'
                     % (ind, v, r.choice(WORDS), r.randint(0, 999), r.choice(WORDS),
                        r.choice(WORDS), r.choice(WORDS)))
    lines.append('    <span class="k">return</span> <span class="n">x</span>')
    return ('<div class="highlight"><pre><span></span>' + "\n".join(lines) +
            "\n</pre></div>")


def main():
    size = int(sys.argv[1]) * 1024 if len(sys.argv) > 1 else 200 * 1024
    r = random.Random(42)
    parts = []
    total = 0
    sec = 0
    while total < size:
        sec += 1
        chunk = ['<h2 id="s%d">%d. %s</h2>' % (sec, sec, sentence(r)[:40])]
        for _ in range(r.randint(2, 4)):
            chunk.append("<p>" + " ".join(sentence(r) for _ in range(r.randint(2, 5))) + "</p>")
        chunk.append(code_block(r))
        if sec % 3 == 0:
            chunk.append("<ul>" + "".join("<li>%s</li>" % sentence(r) for _ in range(4)) + "</ul>")
        if sec % 5 == 0:
            rows = "".join("<tr><td>%s</td><td>%d</td><td>%.2f ms</td></tr>"
                           % (r.choice(WORDS), r.randint(1, 10**6), r.random() * 100)
                           for _ in range(6))
            chunk.append("<table><thead><tr><th>name</th><th>calls</th><th>time</th></tr>"
                         "</thead><tbody>" + rows + "</tbody></table>")
        if sec % 4 == 0:
            chunk.append("<blockquote><p>%s Café, naïve, 東京, 🐍.</p></blockquote>" % sentence(r))
        if sec % 6 == 0:
            chunk.append('<p><img src="img/fig%d.png" alt="figure %d"></p>' % (sec, sec))
        s = "\n".join(chunk) + "\n"
        parts.append(s)
        total += len(s.encode())
    sys.stdout.write("".join(parts))


main()
