"""The shop's signed cart cookie (F-SHOP-1): what is signed reads back; nothing else does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from unicom_web import WebSettings
from unicom_web.areas.shop_cart import Cart, decode_cart, encode_cart

SETTINGS = WebSettings(secret="s" * 48)
OTHER = WebSettings(secret="t" * 48)

codes = st.text(min_size=1, max_size=20)
carts = st.builds(
    Cart,
    st.dictionaries(codes, st.integers(1, 20), max_size=5).map(lambda d: tuple(d.items())),
    st.dictionaries(codes, codes, max_size=5).map(lambda d: tuple(d.items())),
)


@given(carts)
def test_f_shop_1_a_signed_cart_reads_back_as_it_was(cart):
    assert decode_cart(encode_cart(cart, SETTINGS), SETTINGS) == cart


@given(carts)
def test_f_shop_1_a_cart_signed_under_another_secret_is_empty(cart):
    assert decode_cart(encode_cart(cart, OTHER), SETTINGS) == Cart()


@given(carts, st.data())
def test_f_shop_1_a_changed_payload_is_an_empty_cart(cart, data):
    payload, signature = encode_cart(cart, SETTINGS).split(".")
    changed = data.draw(st.text(alphabet="ABCDEFGHIJabcdef0123456789-_", min_size=1))
    if changed != payload:
        assert decode_cart(f"{changed}.{signature}", SETTINGS) == Cart()


@given(st.text(max_size=200))
def test_f_shop_1_any_cookie_text_decodes_without_error(text):
    # a regression: a non-ASCII signature made compare_digest raise (a 500 on every page)
    assert isinstance(decode_cart(text, SETTINGS), Cart)
