"""Which answer a greeting gets: a welcome for a hello, a goodbye for a goodbye, a thank-you
for the rest (praise, thanks, "first!", "it arrived, love it").

The understanding reads all of them as the one intent GREETING; the drafter's one template
("Thank you, welcome to the live!") welcomed a viewer who was leaving ("今日もありがとう
ございました！また来ます") or one who had bought last month. The cues are the ordinary
words of the 16 wizard languages (folded: lower case, no Latin accents; ``$`` ends a word).
"""

from __future__ import annotations

from sola_studio.comments.lexicon import find_cues

GOODBYE_CUES: tuple[str, ...] = (
    # en, es, pt, fr, de, it
    "bye",
    "goodbye",
    "good night",
    "goodnight",
    "see you",
    "see ya",
    "gotta go",
    "im off$",
    "adios",
    "hasta luego",
    "hasta la proxima",
    "hasta manana",
    "nos vemos",
    "me voy$",
    "tchau",
    "ate mais",
    "ate a proxima",
    "ate logo",
    "ate amanha",
    "au revoir",
    "a plus$",
    "bonne nuit",
    "a bientot",
    "a la prochaine",
    "tschuss",
    "tschau",
    "bis bald",
    "bis morgen",
    "bis zum nachsten",
    "gute nacht",
    "arrivederci",
    "a presto",
    "buonanotte",
    "alla prossima",
    # ru, tr, id, vi
    "до свидания",
    "пока$",
    "спокойной ночи",
    "до встречи",
    "до завтра",
    "gorusuruz",
    "hoscakal",
    "iyi geceler",
    "sampai jumpa",
    "dadah",
    "tam biet",
    "hen gap lai",
    # th, hi, ar, zh, ja, ko
    "ลาก่อน",
    "แล้วพบกัน",
    "ไปก่อน",
    "अलविदा",
    "फिर मिलेंगे",
    "مع السلامة",
    "إلى اللقاء",
    "تصبحون على خير",
    "再见",
    "拜拜",
    "下次见",
    "晚安",
    "またね",
    "また来ます",
    "またきます",
    "また見ます",
    "お疲れ様",
    "おつかれ",
    "さようなら",
    "おやすみ",
    "안녕히",
    "다음에 또",
    "잘자",
    "수고하셨",
)
HELLO_CUES: tuple[str, ...] = (
    "hi$", "hii", "hello", "helo", "hey$", "heyy", "yo$", "whats up", "what's up", "wassup", "sup$",
    "first time", "primera vez", "primeira vez", "premiere fois", "salam$",
    "good morning", "good evening",
    "good afternoon", "hola", "buenas", "buenos dias", "buen dia", "oi$", "oii", "ola$", "olaa",
    "bom dia", "boa tarde", "boa noite", "bonjour", "bonsoir", "salut", "coucou", "hallo",
    "guten morgen", "guten abend", "guten tag", "moin", "servus", "buongiorno", "buonasera",
    "salve", "привет", "здравствуй", "добрый", "merhaba", "selam", "halo$", "hai$",
    "selamat pagi", "selamat siang", "selamat sore", "selamat malam", "xin chao",
    "สวัสดี", "नमस्ते", "namaste", "مرحبا", "السلام عليكم", "مساء الخير", "صباح الخير", "你好",
    "大家好", "晚上好", "早上好", "こんにちは", "こんばんは", "おはよう", "初見", "안녕하세요",
    "하이",
)  # fmt: skip


def greeting_key(folded: str) -> str:
    """The template a greeting is answered with: ``goodbye``, ``greeting`` (a welcome) or
    ``thanks``; a goodbye wins over a hello ("thanks everyone, see you tomorrow")."""
    if find_cues(folded, GOODBYE_CUES):
        return "goodbye"
    if find_cues(folded, HELLO_CUES):
        return "greeting"
    return "thanks"
