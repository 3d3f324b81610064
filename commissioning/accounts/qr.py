"""The QR code for setting up an authenticator app, as inline SVG.

Inline, so the secret never sits at a URL of its own; SVG with no style attributes,
because the Content Security Policy forbids inline styles (the size comes from the
stylesheet's .app-qr-code rule).
"""

import base64
from urllib.parse import quote, urlencode

import qrcode
from django.utils.safestring import SafeString, mark_safe

# The same ElementTree qrcode builds with: lxml when installed, else the standard library.
from qrcode.compat.etree import ET  # type: ignore[import-not-found]
from qrcode.image.svg import SvgPathFillImage


def otpauth_url(*, key_hex: str, account: str, issuer: str) -> str:
    secret = base64.b32encode(bytes.fromhex(key_hex)).decode()
    label = f"{issuer.replace(':', '')}:{account}"
    params = urlencode({"secret": secret, "algorithm": "SHA1", "digits": 6, "period": 30})
    return f"otpauth://totp/{quote(label)}?{params}&issuer={quote(issuer)}"


def secret_for_manual_entry(key_hex: str) -> str:
    """The key in base32, in groups of four, as authenticator apps ask for it."""
    secret = base64.b32encode(bytes.fromhex(key_hex)).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(data: str, *, title: str) -> SafeString:
    image = qrcode.make(data, image_factory=SvgPathFillImage, box_size=10, border=4)
    root = image.get_image()
    for element in root.iter():
        element.attrib.pop("style", None)
    root.set("role", "img")
    root.set("aria-labelledby", "qr-code-title")
    # Plain tag names, like the factory's: its root carries the xmlns attribute itself.
    title_element = ET.Element("title", {"id": "qr-code-title"})
    title_element.text = title
    root.insert(0, title_element)
    svg = ET.tostring(root, encoding="unicode")
    # Every value in it is ours or escaped by ElementTree.
    return mark_safe(svg)  # noqa: S308
