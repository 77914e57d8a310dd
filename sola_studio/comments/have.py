"""Does a stock cue only say "has it ...?" of a thing that is no variant? Then it asks a feature.

"tem selo do inmetro?", "có đánh số trang không?", "手帳 日本語表記ある？", "هل فيه ضوضاء بيضاء؟":
the word lists read the verb "have" / "there is" as a stock question, but what the comment
asks to be there is neither a size, a colour nor the product: a feature of the product, which
its sheet's fields answer ("tem M?", "có màu đỏ không?", "tem?" stay stock questions). The
existential verbs of the 16 languages are a closed class, matched on folded text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sola_studio.comments.entities import COLOUR_MARKER
from sola_studio.comments.events import Entities, Intent

# "have/has", "there is", in the 16 languages, as the stock word lists write them (folded)
_HAVE = re.compile(
    r"^(?:have|has|got|there is|theres|tem|tem a|tem o|tem um|tem uma|tiene|tienen|hay|"
    r"a-t-il|y a-t-il|il y a|avez|ha|hai|c'e|ce|avete|hat|haben|gibt es|var|var mi|var mı|"
    r"есть|فيه|في|يوجد|عندكم|عندك|ある|あります|ありますか|있어요|있나요|있어|있습니까|有|有没有|"
    r"hai kya|है क्या|है|ada|ada gak|ada ga|co|có|มี|มีไหม)$"
)
# what a stock question asks about beyond a variant: the stock itself, in the 16 languages
# (a Latin word from its start: "con" is Vietnamese "còn" folded, not the "con" of "icon")
_STOCK_WORD = re.compile(
    r"(?<![a-z])(?:stock|estoque|dispon|vorrat|lager|stok|unidad|pecas|peças|pieces|left|"
    r"quedan|restam|sobrou|kaldi|kaldı|sisa|bacha|tinggal|con(?![a-z])|còn(?![a-z]))"
    r"|наличи|осталось|متوفر|باقي|在庫|残り|재고|남았|库存|现货|还有|สต็อก|ของ"
)

# the words "size", "colour" (where entities.COLOUR_MARKER has them not) and "model/version/
# variant/gauge" in the 16 languages
_VARIANT_NOUN = re.compile(
    r"(?<![a-z])(?:sizes?|tamanhos?|tallas?|tailles?|taglie|taglia|grosse|grose|beden|numara|"
    r"ukuran|kich thuoc|models?|modelos?|modeles?|modell[oi]?|variants?|versions?|versao|"
    r"gauge|calibre|spessore|starke)(?![a-z])"
    r"|размер|цвет|مقاس|حجم|لون|ألوان|الوان|サイズ|사이즈|尺码|尺寸|साइज|रंग|ไซส์|ขนาด|สี|รุ่น|"
    r"型|모델|款|게이지"
)


def asks_a_feature(hits: Sequence[Any], entities: Entities, stripped: str, more: bool) -> bool:
    """The size/stock hits are all bare "have" verbs, the comment names no size or colour and
    says no stock word in ``stripped`` (the comment without the products' names), and ``more``
    words than the cues are left: it asks whether the product has a feature."""
    stock = [h for h in hits if h.intent is Intent.SIZE_STOCK]
    if not stock or any(h.intent is not Intent.SIZE_STOCK for h in hits):
        return False
    if not all(_HAVE.match(h.cue.rstrip("$?？ ").strip()) for h in stock):
        return False
    if entities.size or entities.colour or entities.variant_sku or _STOCK_WORD.search(stripped):
        return False
    if COLOUR_MARKER.search(stripped) or _VARIANT_NOUN.search(stripped):
        # "de q colores hay", "هل يوجد لون ذهبي؟": a colour or a size, named by its kind
        return False
    return more
