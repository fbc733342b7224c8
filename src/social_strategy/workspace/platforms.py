"""One name per network: the names clients write for the same platform, made one."""

from __future__ import annotations

import re

_ALIASES = {
    "twitter": "X",
    "x": "X",
    "x (twitter)": "X",
    "x (formerly twitter)": "X",
    "x/twitter": "X",
    "twitter/x": "X",
    "twitter / x": "X",
    "x / twitter": "X",
    "x.com": "X",
    "twitter.com": "X",
    "fb": "Facebook",
    "facebook": "Facebook",
    "facebook.com": "Facebook",
    # "Meta" in a channel list means its network: Instagram and WhatsApp are named apart
    "meta": "Facebook",
    "meta (facebook)": "Facebook",
    "facebook (meta)": "Facebook",
    "facebook/meta": "Facebook",
    "meta/facebook": "Facebook",
    "ig": "Instagram",
    "insta": "Instagram",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "linked in": "LinkedIn",
    "xing": "Xing",
    "youtube": "YouTube",
    "yt": "YouTube",
    "tiktok": "TikTok",
    "tik tok": "TikTok",
    "whatsapp": "WhatsApp",
    "pinterest": "Pinterest",
    "snapchat": "Snapchat",
    "reddit": "Reddit",
    "threads": "Threads",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "bereal": "BeReal",
    "any social media": "any social media",
    "any social network": "any social media",
}


def canonical_platform(name: str) -> str:
    """``'instagram '`` -> ``'Instagram'``, ``'Twitter'`` -> ``'X'``, ``'Meta'`` ->
    ``'Facebook'``; unknown names as given."""
    key = re.sub(r"\s+", " ", str(name).strip().lower())
    return _ALIASES.get(key, str(name).strip())


__all__ = ["canonical_platform"]
