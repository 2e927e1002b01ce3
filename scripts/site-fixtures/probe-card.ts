/**
 * A model card whose body (and description) carries the classic injection payloads: a
 * script, an image with an onerror handler, a `javascript:` link and an iframe. The site
 * test builds it and proves in a real browser that none of them runs or renders.
 */
export const PROBE_MODEL_ID = "xss-probe";

/** The window flags the payloads would set if any ran. */
export const PROBE_FLAGS = ["__probeScript", "__probeOnerror", "__probeLink", "__probeIframe", "__probeTitle"] as const;

/** The card text: valid front matter (on the penguins example dataset), hostile body. */
export const PROBE_CARD = `---
apiVersion: almanac/v1
kind: Model
id: ${PROBE_MODEL_ID}
name: Injection probe <script>window.__probeTitle = 1</script>
description: A card from a hostile pull request. <img src=x onerror="window.__probeTitle = 1">
version: 0.1.0
stage: proposed
owners: ["@almanac/security"]
task: multiclass-classification
license: MIT
dataset:
  id: penguins
  version: 1.0.0
  target: species
  features: [bill_length_mm, bill_depth_mm]
training:
  command: node train.ts
evaluation:
  primary_metric: macro_f1
---

# Injection probe

<script>window.__probeScript = 1; alert("script ran")</script>

<img src="does-not-exist.png" onerror="window.__probeOnerror = 1; alert('onerror ran')">

[A harmless-looking link](javascript:window.__probeLink=1;alert('link%20ran'))

<iframe src="javascript:parent.__probeIframe=1" title="probe"></iframe>

<a href="https://example.com" onclick="window.__probeLink = 1">A raw anchor with a handler</a>

## Intended use

None: this card exists to prove the catalogue renders untrusted Markdown safely.
`;
