"""Debian's Chromium as the dev tools here launch it (the audit and the icon renderer)."""

CHROMIUM = "/usr/bin/chromium"
# Headless on a machine with no network but loopback: no sandbox as root, no GPU, and none
# of the background fetches that would fail (and retry) against the closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
