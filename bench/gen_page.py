#!/usr/bin/env python3
"""gen_page.py SIZE_KB: print a deterministic whole blog page of about
SIZE_KB kilobytes, the shape `orrery render --article` extracts from: a
WordPress-like theme (navigation, a cookie bar, share buttons, a sidebar
of recent posts and tags, related-post cards, a comment thread, a
footer) around one long post made by gen_post.py.  Used by bench/run.sh
(the article section)."""
import os
import random
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
size_kb = int(sys.argv[1]) if len(sys.argv) > 1 else 200
r = random.Random(7)

# The post is about the size asked for; the theme adds a few per cent.
post = subprocess.run([sys.executable, os.path.join(here, "gen_post.py"),
                       str(max(1, size_kb * 24 // 25))],
                      check=True, capture_output=True, text=True).stdout

nav = "".join('<li><a href="/%s/">%s</a></li>' % (w, w.title())
              for w in ("about", "archives", "talks", "projects", "contact"))
recent = "".join('<li><a href="/posts/%d/">Recent post number %d</a></li>'
                 % (i, i) for i in range(1, 16))
tags = " ".join('<a class="tag" href="/tag/t%d/">tag%d</a>' % (i, i)
                for i in range(40))
cards = "".join('<div class="related-card"><a href="/posts/r%d/">'
                '<img src="/img/r%d.jpg" alt="">Related reading %d</a></div>'
                % (i, i, i) for i in range(6))
comments = "".join('<li class="comment"><div class="comment-author">Reader %d'
                   '</div><p>Thanks for sharing, comment number %d.</p>'
                   '<a class="reply" href="#c%d">Reply</a></li>' % (i, i, i)
                   for i in range(max(3, size_kb // 20)))

sys.stdout.write("""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>A long post about the interpreter &#8211; Example Python Blog</title>
<meta property="og:title" content="A long post about the interpreter">
<link rel="stylesheet" href="/wp-content/themes/twentyx/style.css">
<script>window.dataLayer = window.dataLayer || [];</script>
</head><body class="post-template-default single single-post">
<div id="cookie-notice" class="cookie-banner">We use cookies to improve your
experience. <a href="/privacy/">Privacy policy</a> <button>Accept</button></div>
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><div class="site-branding">
<p class="site-title"><a href="/">Example Python Blog</a></p>
<p class="site-description">Notes on Python and its tools</p></div>
<nav id="site-navigation" class="main-navigation"><ul>%s</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-%d" class="post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">A long post about the
interpreter</h1><div class="entry-meta">Posted on <time>May 4, 2026</time> by
<span class="author">Ada Example</span></div></header>
<div class="entry-content">
%s
</div>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3>
<ul><li><a class="share-twitter" href="#">Twitter</a></li>
<li><a class="share-facebook" href="#">Facebook</a></li>
<li><a class="share-email" href="#">Email</a></li></ul></div>
<footer class="entry-footer">Posted in <a href="/cat/python/">Python</a></footer>
</article>
<div class="related-posts"><h3>You might also like</h3>%s</div>
<div id="comments" class="comments-area"><h2 class="comments-title">Comments</h2>
<ol class="comment-list">%s</ol>
<div id="respond"><h3>Leave a Reply</h3><form><textarea></textarea>
<button>Post Comment</button></form></div></div>
</main></div>
<aside id="secondary" class="widget-area sidebar">
<section class="widget"><h2 class="widget-title">Recent Posts</h2><ul>%s</ul></section>
<section class="widget"><h2 class="widget-title">Tags</h2>%s</section>
<section class="widget newsletter"><h2>Subscribe now</h2><form><input>
<button>Subscribe</button></form></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">
&copy; 2026 Example Python Blog. Proudly powered by WordPress.</div></footer>
</body></html>
""" % (nav, r.randint(100, 9999), post, cards, comments, recent, tags))
