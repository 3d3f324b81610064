from urllib.parse import parse_qs, urlparse

from commissioning.accounts import qr

KEY = "3132333435363738393031323334353637383930"


def test_the_url_carries_the_key_issuer_and_account():
    url = qr.otpauth_url(key_hex=KEY, account="ada@opcc.example", issuer="PCC: Commissioning")
    parsed = urlparse(url)
    assert parsed.scheme == "otpauth"
    assert parsed.netloc == "totp"
    assert parsed.path == "/PCC%20Commissioning%3Aada%40opcc.example"
    query = parse_qs(parsed.query)
    assert query["secret"] == ["GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"]
    assert query["issuer"] == ["PCC: Commissioning"]
    assert query["digits"] == ["6"]
    assert query["period"] == ["30"]


def test_the_svg_is_inline_safe_and_labelled():
    svg = qr.qr_code_svg("otpauth://totp/x?secret=ABC", title="Scan <me>")
    assert svg.startswith("<svg")
    assert "style" not in svg
    assert svg.count("xmlns=") == 1
    assert 'role="img"' in svg
    assert '<title id="qr-code-title">Scan &lt;me&gt;</title>' in svg
    assert "<script" not in svg


def test_the_secret_is_grouped_for_typing():
    assert qr.secret_for_manual_entry(KEY) == "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"
