"""Reply templates per language, written by hand, and the formatting of the values they hold.

A template only ever receives values taken from the product sheet (money, days, months, rates,
sizes, texts); the viewer's words never reach a template, so a comment cannot put words into
a reply. Money and country names are localised with babel; colours and payment methods with the
small tables below. Digits stay Western in every language so the seller can check them at a
glance (and so the invented-fact check reads them the same way).

Adding a language: add its row to every template (a test checks that none is missing).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache

from sola_studio.catalog.sheet import Money

LANGUAGES = ("en", "pt", "es", "de", "fr", "it", "zh", "ja", "ar", "hi")

T: Mapping[str, Mapping[str, str]] = {
    "greeting": {
        "en": "Thank you, welcome to the live! 💛",
        "pt": "Obrigada, seja bem-vindo(a) à live! 💛",
        "es": "¡Gracias, bienvenido(a) al directo! 💛",
        "de": "Danke, willkommen im Live! 💛",
        "fr": "Merci, bienvenue dans le live ! 💛",
        "it": "Grazie, benvenuto(a) nella live! 💛",
        "zh": "谢谢，欢迎来到直播间！💛",
        "ja": "ありがとうございます、ライブへようこそ！💛",
        "ar": "شكرًا، أهلًا بك في البث المباشر! 💛",
        "hi": "धन्यवाद, लाइव में आपका स्वागत है! 💛",
    },
    "price": {
        "en": "{product} costs {price}.",
        "pt": "{product} custa {price}.",
        "es": "{product} cuesta {price}.",
        "de": "{product} kostet {price}.",
        "fr": "{product} coûte {price}.",
        "it": "{product} costa {price}.",
        "zh": "{product}的价格是{price}。",
        "ja": "{product}は{price}です。",
        "ar": "سعر {product} هو {price}.",
        "hi": "{product} की कीमत {price} है।",
    },
    "stock_ok": {
        "en": "{variant} is in stock.",
        "pt": "{variant} tem em estoque.",
        "es": "{variant} está disponible.",
        "de": "{variant} ist auf Lager.",
        "fr": "{variant} est en stock.",
        "it": "{variant} è disponibile.",
        "zh": "{variant}有货。",
        "ja": "{variant}は在庫があります。",
        "ar": "{variant} متوفر.",
        "hi": "{variant} स्टॉक में है।",
    },
    "stock_low": {
        "en": "{variant}: only {n} left!",
        "pt": "{variant}: só restam {n}!",
        "es": "{variant}: ¡solo quedan {n}!",
        "de": "{variant}: nur noch {n} Stück!",
        "fr": "{variant} : plus que {n} !",
        "it": "{variant}: ne restano solo {n}!",
        "zh": "{variant}：只剩{n}件！",
        "ja": "{variant}：残り{n}点です！",
        "ar": "{variant}: بقي {n} فقط!",
        "hi": "{variant}: सिर्फ़ {n} बचे हैं!",
    },
    "stock_out": {
        "en": "{variant} is sold out right now.",
        "pt": "{variant} está esgotado no momento.",
        "es": "{variant} está agotado por ahora.",
        "de": "{variant} ist gerade ausverkauft.",
        "fr": "{variant} est épuisé pour le moment.",
        "it": "{variant} è esaurito al momento.",
        "zh": "{variant}目前已售罄。",
        "ja": "{variant}は現在売り切れです。",
        "ar": "{variant} نفد حاليًا.",
        "hi": "{variant} अभी स्टॉक में नहीं है।",
    },
    "available": {
        "en": "Available: {options}.",
        "pt": "Disponível: {options}.",
        "es": "Disponible: {options}.",
        "de": "Verfügbar: {options}.",
        "fr": "Disponible : {options}.",
        "it": "Disponibile: {options}.",
        "zh": "有货：{options}。",
        "ja": "在庫あり：{options}。",
        "ar": "المتوفر: {options}.",
        "hi": "उपलब्ध: {options}।",
    },
    "not_offered": {
        "en": "{product} does not come in {what}.",
        "pt": "{product} não tem {what}.",
        "es": "{product} no viene en {what}.",
        "de": "{product} gibt es nicht in {what}.",
        "fr": "{product} n'existe pas en {what}.",
        "it": "{product} non c'è in {what}.",
        "zh": "{product}没有{what}。",
        "ja": "{product}に{what}はありません。",
        "ar": "{product} غير متوفر بـ{what}.",
        "hi": "{product} {what} में नहीं आता।",
    },
    "no_size": {
        "en": "{product} does not come in that size.",
        "pt": "{product} não tem esse tamanho.",
        "es": "{product} no viene en esa talla.",
        "de": "{product} gibt es nicht in dieser Größe.",
        "fr": "{product} n'existe pas dans cette taille.",
        "it": "{product} non c'è in questa taglia.",
        "zh": "{product}没有这个尺码。",
        "ja": "{product}にそのサイズはありません。",
        "ar": "{product} غير متوفر بهذا المقاس.",
        "hi": "{product} इस साइज़ में नहीं आता।",
    },
    "sizes_in_stock": {
        "en": "Sizes in stock: {sizes}.",
        "pt": "Tamanhos em estoque: {sizes}.",
        "es": "Tallas disponibles: {sizes}.",
        "de": "Verfügbare Größen: {sizes}.",
        "fr": "Tailles disponibles : {sizes}.",
        "it": "Taglie disponibili: {sizes}.",
        "zh": "有货尺码：{sizes}。",
        "ja": "在庫のあるサイズ：{sizes}。",
        "ar": "المقاسات المتوفرة: {sizes}.",
        "hi": "उपलब्ध साइज़: {sizes}।",
    },
    "spec": {
        "en": "{product}: {value}.",
        "pt": "{product}: {value}.",
        "es": "{product}: {value}.",
        "de": "{product}: {value}.",
        "fr": "{product} : {value}.",
        "it": "{product}: {value}.",
        "zh": "{product}：{value}。",
        "ja": "{product}：{value}。",
        "ar": "{product}: {value}.",
        "hi": "{product}: {value}।",
    },
    "ship": {
        "en": "Shipping to {country}: {cost}, {dmin} to {dmax} days.",
        "pt": "Frete para {country}: {cost}, de {dmin} a {dmax} dias.",
        "es": "Envío a {country}: {cost}, de {dmin} a {dmax} días.",
        "de": "Versand nach {country}: {cost}, {dmin} bis {dmax} Tage.",
        "fr": "Livraison en {country} : {cost}, de {dmin} à {dmax} jours.",
        "it": "Spedizione in {country}: {cost}, da {dmin} a {dmax} giorni.",
        "zh": "寄往{country}：运费{cost}，{dmin}到{dmax}天送达。",
        "ja": "{country}への送料は{cost}、{dmin}〜{dmax}日で届きます。",
        "ar": "الشحن إلى {country}: {cost}، من {dmin} إلى {dmax} أيام.",
        "hi": "{country} में शिपिंग: {cost}, {dmin} से {dmax} दिन।",
    },
    "ship_free_over": {
        "en": "Free shipping on orders over {amount}.",
        "pt": "Frete grátis em compras acima de {amount}.",
        "es": "Envío gratis en compras de más de {amount}.",
        "de": "Kostenloser Versand ab {amount}.",
        "fr": "Livraison gratuite dès {amount}.",
        "it": "Spedizione gratuita sopra {amount}.",
        "zh": "订单满{amount}包邮。",
        "ja": "{amount}以上のご注文で送料無料です。",
        "ar": "شحن مجاني للطلبات فوق {amount}.",
        "hi": "{amount} से ऊपर के ऑर्डर पर फ्री शिपिंग।",
    },
    "ship_ask": {
        "en": "Which country should it go to? We ship to {countries}.",
        "pt": "Para qual país? Enviamos para {countries}.",
        "es": "¿A qué país? Enviamos a {countries}.",
        "de": "In welches Land? Wir liefern nach {countries}.",
        "fr": "Vers quel pays ? Nous livrons : {countries}.",
        "it": "In quale paese? Spediamo in {countries}.",
        "zh": "请问寄到哪个国家？我们可以寄到{countries}。",
        "ja": "どちらの国へお送りしますか？発送先：{countries}。",
        "ar": "إلى أي بلد؟ نشحن إلى {countries}.",
        "hi": "किस देश में भेजना है? हम {countries} में भेजते हैं।",
    },
    "material": {
        "en": "{product}: {material}.",
        "pt": "{product}: {material}.",
        "es": "{product}: {material}.",
        "de": "{product}: {material}.",
        "fr": "{product} : {material}.",
        "it": "{product}: {material}.",
        "zh": "{product}：{material}。",
        "ja": "{product}：{material}。",
        "ar": "{product}: {material}.",
        "hi": "{product}: {material}।",
    },
    "pay_methods": {
        "en": "You can pay with {methods}.",
        "pt": "Você pode pagar com {methods}.",
        "es": "Puedes pagar con {methods}.",
        "de": "Du kannst mit {methods} bezahlen.",
        "fr": "Vous pouvez payer par {methods}.",
        "it": "Puoi pagare con {methods}.",
        "zh": "支付方式：{methods}。",
        "ja": "お支払い方法：{methods}。",
        "ar": "يمكنك الدفع عبر {methods}.",
        "hi": "आप {methods} से पेमेंट कर सकते हैं।",
    },
    "inst_all_free": {
        "en": "Up to {n} instalments interest-free.",
        "pt": "Em até {n}x sem juros.",
        "es": "Hasta {n} cuotas sin intereses.",
        "de": "Bis zu {n} Raten ohne Zinsen.",
        "fr": "Jusqu'à {n} mensualités sans intérêts.",
        "it": "Fino a {n} rate senza interessi.",
        "zh": "最多{n}期免息。",
        "ja": "最大{n}回まで分割手数料無料です。",
        "ar": "حتى {n} أقساط بدون فوائد.",
        "hi": "{n} किस्तों तक बिना ब्याज।",
    },
    "inst_mixed": {
        "en": "{free} instalments interest-free; {rate}% a year after that, up to {max}.",
        "pt": "{free}x sem juros; depois disso {rate}% ao ano, em até {max}x.",
        "es": "{free} cuotas sin intereses; después {rate}% anual, hasta {max} cuotas.",
        "de": "{free} Raten ohne Zinsen; danach {rate}% pro Jahr, bis zu {max} Raten.",
        "fr": "{free} mensualités sans intérêts ; ensuite {rate}% par an, jusqu'à {max}.",
        "it": "{free} rate senza interessi; poi {rate}% l'anno, fino a {max} rate.",
        "zh": "{free}期免息；之后年利率{rate}%，最多{max}期。",
        "ja": "{free}回まで金利なし、それ以降は年{rate}%で最大{max}回までです。",
        "ar": "{free} أقساط بدون فوائد؛ بعدها {rate}% سنويًا، حتى {max} قسطًا.",
        "hi": "{free} किस्तें बिना ब्याज; उसके बाद {rate}% सालाना, {max} किस्तों तक।",
    },
    "inst_max": {
        "en": "Up to {max} instalments.",
        "pt": "Em até {max}x.",
        "es": "Hasta {max} cuotas.",
        "de": "Bis zu {max} Raten.",
        "fr": "Jusqu'à {max} mensualités.",
        "it": "Fino a {max} rate.",
        "zh": "最多分{max}期。",
        "ja": "最大{max}回払いまで可能です。",
        "ar": "حتى {max} قسطًا.",
        "hi": "{max} किस्तों तक।",
    },
    "returns_free": {
        "en": "Free returns within {days} days ({conditions}).",
        "pt": "Devolução grátis em até {days} dias ({conditions}).",
        "es": "Devolución gratis hasta {days} días ({conditions}).",
        "de": "Kostenlose Rückgabe innerhalb von {days} Tagen ({conditions}).",
        "fr": "Retour gratuit sous {days} jours ({conditions}).",
        "it": "Reso gratuito entro {days} giorni ({conditions}).",
        "zh": "{days}天内免费退货（{conditions}）。",
        "ja": "{days}日以内なら返品無料です（{conditions}）。",
        "ar": "إرجاع مجاني خلال {days} يومًا ({conditions}).",
        "hi": "{days} दिन के अंदर फ्री रिटर्न ({conditions})।",
    },
    "returns": {
        "en": "Returns within {days} days ({conditions}).",
        "pt": "Devolução em até {days} dias ({conditions}).",
        "es": "Devolución hasta {days} días ({conditions}).",
        "de": "Rückgabe innerhalb von {days} Tagen ({conditions}).",
        "fr": "Retour sous {days} jours ({conditions}).",
        "it": "Reso entro {days} giorni ({conditions}).",
        "zh": "{days}天内可退货（{conditions}）。",
        "ja": "{days}日以内なら返品できます（{conditions}）。",
        "ar": "الإرجاع خلال {days} يومًا ({conditions}).",
        "hi": "{days} दिन के अंदर रिटर्न ({conditions})।",
    },
    "warranty": {
        "en": "{months}-month warranty against {covers}.",
        "pt": "Garantia de {months} meses contra {covers}.",
        "es": "Garantía de {months} meses contra {covers}.",
        "de": "{months} Monate Garantie auf {covers}.",
        "fr": "Garantie de {months} mois contre les {covers}.",
        "it": "Garanzia di {months} mesi contro {covers}.",
        "zh": "{months}个月保修（{covers}）。",
        "ja": "{covers}に対して{months}か月の保証があります。",
        "ar": "ضمان {months} أشهر ضد {covers}.",
        "hi": "{covers} पर {months} महीने की वारंटी।",
    },
    "discount_code": {
        "en": "{pct}% off with the code {code}.",
        "pt": "{pct}% de desconto com o cupom {code}.",
        "es": "{pct}% de descuento con el código {code}.",
        "de": "{pct}% Rabatt mit dem Code {code}.",
        "fr": "{pct}% de réduction avec le code {code}.",
        "it": "{pct}% di sconto con il codice {code}.",
        "zh": "使用优惠码{code}可享{pct}%折扣。",
        "ja": "コード{code}で{pct}%オフです。",
        "ar": "خصم {pct}% باستخدام الكود {code}.",
        "hi": "कोड {code} से {pct}% की छूट।",
    },
    "discount_bundle": {
        "en": "{pct}% off when you buy {n} or more.",
        "pt": "{pct}% de desconto levando {n} ou mais.",
        "es": "{pct}% de descuento llevando {n} o más.",
        "de": "{pct}% Rabatt ab {n} Stück.",
        "fr": "{pct}% de réduction dès {n} articles.",
        "it": "{pct}% di sconto prendendone {n} o più.",
        "zh": "买{n}件及以上享{pct}%折扣。",
        "ja": "{n}点以上のお買い上げで{pct}%オフです。",
        "ar": "خصم {pct}% عند شراء {n} قطع أو أكثر.",
        "hi": "{n} या ज़्यादा लेने पर {pct}% की छूट।",
    },
    "check": {
        "en": "Good question! The seller will check and answer you here shortly.",
        "pt": "Boa pergunta! A vendedora vai verificar e já te responde aqui.",
        "es": "¡Buena pregunta! La vendedora lo va a verificar y te responde aquí enseguida.",
        "de": "Gute Frage! Die Verkäuferin prüft das und antwortet dir gleich hier.",
        "fr": "Bonne question ! La vendeuse vérifie et vous répond ici tout de suite.",
        "it": "Bella domanda! La venditrice verifica e ti risponde qui a breve.",
        "zh": "好问题！卖家会确认后马上在这里回复你。",
        "ja": "良い質問です！出品者が確認して、すぐにここでお答えします。",
        "ar": "سؤال جيد! سيتحقق البائع ويرد عليك هنا قريبًا.",
        "hi": "अच्छा सवाल! विक्रेता जांच करके जल्दी ही यहां जवाब देंगी।",
    },
    "faq": {lang: "{answer}" for lang in LANGUAGES},
}

# Seller-sheet colour keys -> localised names.
COLOURS: Mapping[str, Mapping[str, str]] = {
    "black": {
        "en": "black",
        "pt": "preto",
        "es": "negro",
        "de": "schwarz",
        "fr": "noir",
        "it": "nero",
        "zh": "黑色",
        "ja": "ブラック",
        "ar": "أسود",
        "hi": "काला",
    },
    "white": {
        "en": "white",
        "pt": "branco",
        "es": "blanco",
        "de": "weiß",
        "fr": "blanc",
        "it": "bianco",
        "zh": "白色",
        "ja": "ホワイト",
        "ar": "أبيض",
        "hi": "सफ़ेद",
    },
    "blue": {
        "en": "blue",
        "pt": "azul",
        "es": "azul",
        "de": "blau",
        "fr": "bleu",
        "it": "blu",
        "zh": "蓝色",
        "ja": "ブルー",
        "ar": "أزرق",
        "hi": "नीला",
    },
    "natural": {
        "en": "natural",
        "pt": "natural",
        "es": "natural",
        "de": "natur",
        "fr": "naturel",
        "it": "naturale",
        "zh": "原色",
        "ja": "ナチュラル",
        "ar": "طبيعي",
        "hi": "नेचुरल",
    },
    "red": {
        "en": "red",
        "pt": "vermelho",
        "es": "rojo",
        "de": "rot",
        "fr": "rouge",
        "it": "rosso",
        "zh": "红色",
        "ja": "レッド",
        "ar": "أحمر",
        "hi": "लाल",
    },
    "green": {
        "en": "green",
        "pt": "verde",
        "es": "verde",
        "de": "grün",
        "fr": "vert",
        "it": "verde",
        "zh": "绿色",
        "ja": "グリーン",
        "ar": "أخضر",
        "hi": "हरा",
    },
    "pink": {
        "en": "pink",
        "pt": "rosa",
        "es": "rosa",
        "de": "rosa",
        "fr": "rose",
        "it": "rosa",
        "zh": "粉色",
        "ja": "ピンク",
        "ar": "وردي",
        "hi": "गुलाबी",
    },
    "grey": {
        "en": "grey",
        "pt": "cinza",
        "es": "gris",
        "de": "grau",
        "fr": "gris",
        "it": "grigio",
        "zh": "灰色",
        "ja": "グレー",
        "ar": "رمادي",
        "hi": "ग्रे",
    },
    "yellow": {
        "en": "yellow",
        "pt": "amarelo",
        "es": "amarillo",
        "de": "gelb",
        "fr": "jaune",
        "it": "giallo",
        "zh": "黄色",
        "ja": "イエロー",
        "ar": "أصفر",
        "hi": "पीला",
    },
}

# Payment methods as sellers write them (folded) -> localised; unknown ones are shown as written.
METHODS: Mapping[str, Mapping[str, str]] = {
    "cartao de credito": {
        "en": "credit card",
        "pt": "cartão de crédito",
        "es": "tarjeta de crédito",
        "de": "Kreditkarte",
        "fr": "carte bancaire",
        "it": "carta di credito",
        "zh": "信用卡",
        "ja": "クレジットカード",
        "ar": "بطاقة ائتمان",
        "hi": "क्रेडिट कार्ड",
    },
    "card": {
        "en": "card",
        "pt": "cartão",
        "es": "tarjeta",
        "de": "Karte",
        "fr": "carte",
        "it": "carta",
        "zh": "银行卡",
        "ja": "カード",
        "ar": "بطاقة",
        "hi": "कार्ड",
    },
}

_LIST_SEP = {"zh": "、", "ja": "、", "ar": "، "}
_LOCALE = {"pt": "pt_BR", "zh": "zh_Hans_CN"}


def has_template(key: str, language: str) -> bool:
    return language in T.get(key, {})


def render(key: str, language: str, **values: str) -> str:
    """Fill template ``key`` in ``language`` (English when that language has none)."""
    table = T[key]
    return table.get(language, table["en"]).format(**values)


def money(m: Money, language: str) -> str:
    from babel.numbers import format_currency

    return format_currency(m.amount, m.currency, locale=_LOCALE.get(language, language))


def number(value: Decimal | int, language: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=_LOCALE.get(language, language))


def warm_up(languages: tuple[str, ...] | list[str]) -> None:
    """Load babel's locale data for ``languages`` now: each locale's first use unpickles it
    (~50 ms holding Python's lock), which froze the studio window at the first comment."""
    from babel import Locale

    for language in languages:
        money(Money(Decimal(1), "USD"), language)
        number(1, language)
        country("BR", language)
        with contextlib.suppress(Exception):  # the desk's country names (EntityFinder)
            _ = Locale.parse(language).territories


@lru_cache(maxsize=512)
def country(code: str, language: str) -> str:
    from babel import Locale

    try:
        return Locale.parse(_LOCALE.get(language, language)).territories.get(code, code)
    except Exception:  # an unknown locale shows the ISO code rather than failing a draft
        return code


def colour(key: str, language: str) -> str:
    return COLOURS.get(key, {}).get(language, key)


def method(name: str, language: str) -> str:
    from sola_studio.comments.lexicon import fold

    return METHODS.get(fold(name), {}).get(language, name)


def join(items: list[str], language: str) -> str:
    return _LIST_SEP.get(language, ", ").join(items)
