"""Reading what a group leader types about the tally: one member's payment ("lãi 200k, gửi
100k", "175k lãi, 25k tk", "vắng", "chưa có tiền", "đủ", "0") or the group's totals ("thu
lãi 4tr25, tiết kiệm 1tr8").

"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from bot.nlu import member_parts
from bot.nlu.amounts import Amount, fold_for_amounts, names_something, read_amounts
from bot.nlu.normalize import fold_for_numbers

# A single member's payment above this is a typing slip, not money a leader carries home.
ABSURD_AMOUNT = 100_000_000


@dataclass(frozen=True)
class Answer:
    """What the leader said about one member; None fields are left as they were.

    `doubtful` when an amount was read from words, slang or a bare number taken as thousands
    ("trăm hai", "2 lít", "lãi 275"): the bot should echo it back before using it."""

    interest: int | None = None
    savings: int | None = None
    principal_from_savings: int | None = None
    absent: bool = False
    in_full: bool = False
    doubtful: bool = False
    # Fields said to be paid as due with no amount ("chỉ gửi tiết kiệm, lãi chưa đóng"):
    # "interest", "savings"; the tally's rules put the amount due there.
    as_due: tuple[str, ...] = ()
    # The fields whose amount was read with doubt ("interest", "savings", "principal"), and
    # whether the one amount said named no field ("15 nghìn", "150"): what a correction of
    # an echoed answer changes. Not compared: they say how it was written, not what.
    doubtful_fields: tuple[str, ...] = dataclasses.field(default=(), compare=False)
    unnamed: bool = dataclasses.field(default=False, compare=False)
    # Nothing paid (`absent` is set) because the payment was put off ("hẹn tuần sau mới
    # đóng", "xin khất đến tháng sau"): the member was there, not away.
    put_off: bool = dataclasses.field(default=False, compare=False)
    # What the member still owes of what was due, said instead of what was paid ("còn thiếu
    # 10 ngàn", "thiếu tk 30k"): the tally's rules take it off the amount due.
    interest_short: int | None = None
    savings_short: int | None = None
    # The fields set to 0 only because the line said "only" ("chỉ gửi tk 100 thôi"): in a
    # correction of what was noted or echoed, "gửi 100k thôi" is just that amount, and the
    # other fields stay as they were.
    only_zeroed: tuple[str, ...] = dataclasses.field(default=(), compare=False)
    # The amounts are more, on top of what was paid before ("đưa thêm 145 nữa", "paid 50k
    # more"): the tally adds them to what is noted for the member.
    more: bool = dataclasses.field(default=False, compare=False)


class NotUnderstood(ValueError):
    """The answer names no amount or state the tally can use."""


class SeveralAmounts(NotUnderstood):
    """More amounts than one member's interest and savings ("cô Sáu 150k, bà Út 200k, cô Năm
    150k": a leader's list); `first` is the first written."""

    def __init__(self, text: str, first: int) -> None:
        super().__init__(text)
        self.first = first


class OverCap(NotUnderstood):
    """An amount was read, and it is over what one member can pay (`cap`)."""

    def __init__(self, text: str, amount: int, cap: int = ABSURD_AMOUNT) -> None:
        super().__init__(text)
        self.amount = amount
        self.cap = cap


# Nothing paid: absent, excused ("khất"), no money yet, not collected, in English too.
_ABSENT = re.compile(
    r"\b(?:vang|(?<!de )(?<!kien )nghi|khat|absent|unpaid|nothing"
    # "hổng có đóng", "chưa có đóng", "chưa pay", "hổng có nhận đồng nào"; "mô có đóng"
    # (central); "không có ở nhà", "hổng gặp": the leader found nobody to collect from
    r"|(?:khong|chua)\s+(?:co\s+)?(?:tien|(?:dong|nop|dua|tra|thu|nhan|pay)(?:\s+duoc)?)"
    r"|mo\s+co\s+(?:tien|dong|nop|dua|tra)|(?:khong|chua)\s+(?:co\s+o\s+nha|gap)"
    # "hẹn mốt mới đóng", "hen mai dong": put off to another day
    r"|hen\s+(?:lai\s+)?(?:mai|mot)(?:\s+(?:moi\s+)?(?:dong|nop|tra|dua))?"
    r"|(?:did|has|have|had|does|do|could|can|ca|wo|would|will)(?:n['’ ]?t|\s+not)\s+(?:pay|paid)"
    r"|not\s+(?:pay|paid)|no\s+(?:payment|money)|(?:paid|pay)\s+nothing|nothing\s+paid"
    # "will pay next session", "he'll pay at the next meeting", "cannot pay", "unable to pay"
    r"|pay(?:s|ing)?(?:\s+(?!\d)\w+){0,3}?\s+(?:next|later)|cannot\s+pay|unable\s+to\s+pay"
    r"|skip(?:s|ped)?|postpone[sd]?"
    # "chưa gởi tiền": no money sent home; "hẹn tuần sau": put off to a later session
    r"|(?:khong|chua)\s+(?:gui|goi)\s+tien(?!\s+(?:tiet kiem|gui))"
    r"|hen\s+(?:lai\s+)?(?:(?:den|toi|qua)\s+)?(?:tuan|phien|thang|buoi|bua|hom|ky|dot|lan)\s+(?:sau|toi)"
    # put off or owed to a later session: "để tháng sau", "nợ lại kỳ sau", "đợi tuần tới",
    # "tháng sau đóng dồn"; "xin hoãn", "hoãn sang tháng sau"
    r"|(?:de|no|no lai|doi|cho)\s+(?:(?:den|toi|qua|sang)\s+)?"
    r"(?:tuan|phien|thang|buoi|bua|hom|ky|dot|lan)\s+(?:sau|toi)"
    # the paying verb before the later session: "xin nộp kỳ sau", "hẹn đóng vào tuần tới";
    # owed for this one: "nợ lại tháng này"
    r"|(?:dong|nop|tra|dua|gui)\s+(?:(?:vao|den|toi|qua|sang)\s+)?"
    r"(?:tuan|phien|thang|buoi|bua|hom|ky|dot|lan)\s+(?:sau|toi)"
    r"|no\s+lai\s+(?:tuan|phien|thang|buoi|bua|hom|ky|dot|lan)\s+(?:nay|ni)"
    r"|(?:tuan|phien|thang|buoi|ky|dot|lan)\s+(?:sau|toi)\s+(?:moi\s+)?(?:dong|nop|tra)\s+"
    r"(?:don|luon|lun|bu|gop|mot the|mot lan|ca|het)"
    r"|(?:xin|tam)\s+hoan|hoan\s+(?:lai\s+)?(?:den|toi|qua|sang|tuan|phien|thang|buoi|ky|dot|lan)"
    # nobody paid for them, not yet back (or in time) to pay, out of money, the house locked
    r"|(?:khong|chua)\s+(?:co\s+)?ai\s+(?:dong|nop|dua|tra|gui)"
    r"|(?:khong|chua)\s+(?:ve|len|ra|xuong|toi|den|qua|kip)\s+(?:ma\s+)?(?:dong|nop|dua|tra)"
    r"|het\s+tien|khoa\s+cua"
    # did not come: "số 7 ko đến", "không tới", "hổng có lên", "không có mặt", "ko đi họp"
    # (an amount after is not that: "không tới 100k" is under 100.000)
    r"|(?:khong|ko|k|kh|hong|hok|chua|cha|chang)\s+(?:co\s+)?(?:(?:den|toi|len|ra|di)"
    r"(?:\s+(?:hop|sinh hoat|nop|dong))?|co\s+mat|du\s+hop|tham\s+du|di\s+hop)"
    r"(?!\s*(?:\d|han|luot|gio|ngay|ky|phien|lan|noi|do|muc|so))"
    # money promised for later is nothing now: "mùng 5 tới mới đưa 2 trăm", "mai mới đóng";
    # once something is done: "chờ hái cà phê xong mới đóng", "bán nho xong rồi mới nộp"
    r"|(?:toi|sau|mai|mot)\s+(?:moi|se)\s+(?:dong|nop|dua|tra|gui)"
    r"|xong\s+(?:roi\s+)?(?:thi\s+)?(?:moi|se)\s+(?:dong|nop|dua|tra|gui)"
    # not today: "hôm nay chưa", "bữa nay chưa có" closing the line
    r"|(?:hom nay|bua nay|bua ni|hom ni)\s+(?:van\s+)?chua(?:\s+(?:co|dong|nop|tra|dua))?"
    r"(?=\s*[.!]*$)"
    # the next market day's session: "xin nộp vào phiên chợ sau"
    r"|phien\s+cho\s+(?:sau|toi)"
    r"|defer(?:s|red)?|(?:put|held)\s+off"
    # a bookkeeper's "không phát sinh (thu)": nothing was collected
    r"|(?:khong|chua)\s+(?:co\s+)?phat\s+sinh"
    # skipped this session: "tháng này bỏ", "kỳ này xin bỏ"
    # owed, with no figure after: "17 nợ lại", "bà Lan nợ lãi" (the figure before it is the
    # member's number)
    r"|no\s+lai\b(?!\s*:?\s*\d)"
    r"|(?:thang|ky|phien|dot|buoi|lan)\s+(?:nay|ni)\s+(?:xin\s+)?bo(?:\s+(?:qua|luon|lun))?"
    r"(?=\s*(?:[,.;!]|$))"
    r")\b"
)
# A bare no, nothing paid: "dạ không có", "ko ạ", "tháng này ko", after a title and a name
# or not ("cô Sáu: tháng này ko"); "chị Hoa lãi ko" says no more than the interest.
# A name has no digits: "chú Tư 160 k" is 160.000, not "chú Tư 160" saying no.
_NAME_WORD = r"(?!(?:lai|gui|tk|tiet|tiec|tien|goc|dong|nop|tra)\b)(?:[^\W\d]|·)+"
_BARE_NO = re.compile(
    r"(?:(?:ba|·a|ong|co|chi|anh|chu|bac|di|thim|em|o|a|c|cu)\s+"
    + _NAME_WORD
    + r"(?:\s+"
    + _NAME_WORD
    + r")?\s*[:,-]?\s+)?"
    r"(?:(?:da|thua|da thua)\s+)?(?:(?:thang|ky|phien|dot|tuan|buoi|lan)\s+(?:nay|ni)\s*,?\s+)?"
    r"(?:khong|ko|k|kh|hk|hok|hong|khg|kg|hem|hum)(?:\s+co)?(?:\s+(?:a|nha|nhe|ah|ak|dau))?"
    r"\s*[.!]*"
)
# A bare not yet, opening the answer, after the member's title and name (or a capitalised
# name) or not: "chưa ạ", "dạ chưa", "chị Út chưa, mai chị mang qua", "Lý Thị Mui chưa."
# ("nộp bảng kê chưa", "ăn cơm chưa" ask).
_NOT_YET = re.compile(
    r"(?:(?:(?:ba|·a|ong|co|chi|anh|chu|bac|di|thim|em|o|a|c|cu)\s+"
    + _NAME_WORD
    + r"(?:\s+"
    + _NAME_WORD
    + r")?|·+(?:\s+·+){0,3})\s*[:,-]?\s+)?"
    r"(?:(?:da|thua|da thua)\s+)?chua(?:\s+(?:a|nha|nhe|ah|ak|dau|co|het))?\s*(?:[,.;!]|$)"
    # "chưa, để tui coi lại": the no to an echoed amount, while the leader checks
    r"(?!\s*(?:de|cho|doi)\s+(?:\w+\s+)?(?:coi|xem|kiem|tinh|nghi|hoi|check)\b)"
)
# A figure-only line (folded): a member's tag and number (before the figures or after them:
# "70/30 s32") or not, one or two figures, a sum.
_TAG = r"(?:#|s|st|stt|so|tv)"
_FIGURES = re.compile(
    r"(?:(?P<tag>" + _TAG + r")\s*(?P<tagged>\d{1,3})\s*[:.,)\-]?\s*"
    r"|(?P<member>\d{1,3})\s*(?P<colon>[:.)])?\s+)?"
    r"(?P<a>\d{1,3})(?:\s*(?:[/+\-]|\s)\s*(?P<b>\d{1,3}))?"
    r"(?P<total>\s*(?:=|tong|total)\s*\d{1,4})?"
    r"(?(tag)|(?(member)|(?:\s*[,:]?\s+(?P<tag_after>" + _TAG + r")\s*\d{1,3})?))"
)
# Back, or a day to come, then paying ("về mới đóng", "hôm nào bán lợn thì nộp"); a word at
# least between "khi nào" and "mới" ("khi nào mới đóng" asks when).
_WHEN_THEN = (
    r"(?:ve\s+(?:roi\s+)?|(?:hom|bua|khi|luc|chung|ngay)\s+nao\s+(?:\S+\s+){1,6}?)"
    r"(?:moi|thi|se)(?:\s+\S+){0,2}?"
)
# Cues that nothing was paid, in a line with no amount: away or not back, nobody to pay for
# them, put off or asking more time ("hoãn", not "hoàn trả"), waiting to sell or to be sent
# money, refused ("từ" is masked as no number: "·u chối"), not yet.
_NOTHING_NOW = re.compile(
    r"\b(?:(?:khong|chua)\s+(?:co\s+)?o\s+(?:nha|buon|lang|xom|ap|thon|ban|day|que)"
    r"|chua\s+ve|khong\s+ve(?:\s+kip)?|(?:khong|chua)\s+co\s+(?:ai|nguoi)"
    r"|hen|gia\s+han|(?:nop|dong|tra|dua)\s+sau|mai\s+mot"
    r"|hoan(?:\s+(?:nop|dong|dua|lai|den|toi|qua|sang|ky|thang|phien|tuan|buoi)|(?=\s*(?:[,.;!]|$)))"
    r"|nhac\s+(?:\S+\s+){0,2}(?:dong|nop|tra)"
    r"|(?:cho|doi|khi\s+(?:mo|nao))\s+(?:\w+\s+){0,3}?(?:ban|gui|lanh)"
    r"|(?:khong|chang|cha)\s+chiu|(?:tu|u)\s+choi|refuse[sd]?"
    r"|chua\s+co(?:\s+(?:chi|gi|j|dau|a|nha))?(?=\s*(?:[,.;!]|$))|chu\s+chua"
    r"|(?:khong|chua)\s+duoc(?=\s*(?:[,.;!]|$))|chua\s+(?:di\s+)?thu"
    # put off until a later time or an event: "để sau lễ Ok Om Bok mới đóng", "tháng sau bán
    # mì rồi đóng", "mười lăm ngày nữa mới có"
    r"|(?:sau|nua|toi)\s+(?:\S+\s+){0,6}?(?:moi|roi|thi|se)\s+(?:dong|nop|tra|dua|gui|co)"
    # paying when back, or on a day to come: "con gái nói về mới đóng", "để đến hôm nào bán
    # lợn thì nó nộp", "khi nào bán được cà phê mới nộp"
    r"|" + _WHEN_THEN + r"\s+(?:\S+\s+){0,2}?(?:dong|nop|tra|dua|gui)"
    # gone off, not answering the phone: "s15 bùng rồi", "gọi hok bắt máy"
    r"|bung(?=\s+(?:roi|luon|lun|mat)\b|\s*(?:[,.;!:]|$))"
    r"|(?:khong|chua)\s+(?:bat|nghe)\s+(?:may|dien thoai|dt)"
    # in hospital or bedridden: "ốm nằm bệnh viện", "nhập viện", "ốm nặng", "nằm liệt" (ill
    # alone, "she was sick this week", says nothing of the money)
    r"|(?:benh|nam|nhap|di|vo|vao)\s+vien|om\s+(?:nang|liet|nam\s+(?:vien|liet|mot cho))|nam\s+liet"
    r"|benh\s+xa|phong\s+kham"
    # the loan settled, nothing left to collect: "tất toán ngày 5", "không còn khoản nào phải thu"
    r"|tat\s+toan|(?:khong|ko)\s+con\s+(?:\S+\s+){0,2}?(?:phai\s+)?(?:thu|dong|nop|tra)\b"
    # died: "qua đời", "mất rồi", "đám ma tuần trước"
    r"|qua\s+doi|tu\s+tran|mat\s+roi|dam\s+(?:ma|tang|hieu)|passed\s+away|died"
    # gone to work far away, sending nothing home: "đi vô Bình Dương làm", "đi làm ăn xa",
    # "nỏ thấy gửi tiền về"
    r"|di\s+[l·]am(?:\s+an)?\s+xa|xuat\s+khau\s+lao\s+dong|xkld"
    r"|di\s+(?:vo|vao|ra|len|xuong)\s+(?:\S+\s+){0,3}?[l·]am\b"
    r"|(?:khong|chua|chang|cha)\s+(?:\S+\s+){0,2}?(?:gui|goi)\s+tien"
    # the crop not sold yet: "chưa bán được hồ tiêu"
    r"|(?:khong|chua|chang|cha)\s+ban\b"
    # nothing to pay with, nobody seen: "chừ nỏ có", "nỏ có mô", "nỏ thấy mặt", "nỏ ra";
    # a new mother lying in: "đang ở cữ"; brought over later: "chiều mai mang sang"
    r"|(?:khong|ko)\s+co(?:\s+(?:chi|gi|j|dau|mo|a|nha|tien))?(?=\s*(?:[,.;!]|$))"
    r"|(?:khong|ko|chua)\s+(?:thay|gap)\s+(?:mat|dau|nguoi|ai)|(?:khong|ko|chua)\s+ra(?=\s*(?:[,.;!]|$))"
    r"|o\s+cu|moi\s+sinh|mai\s+(?:\S+\s+){0,2}?(?:mang|dem)\s+(?:sang|qua|toi|den|lai|len)"
    # paid together later: "nộp gộp tháng sau", "đóng dồn kỳ sau"
    r"|(?:dong|nop|tra|gui)\s+(?:gop|don|bu|chung|luon)\s+(?:\S+\s+)?(?:thang|ky|phien|tuan|lan|dot)"
    r"\s+(?:sau|toi)"
    # in English: not at the meeting, gone to hospital, paying on a later day
    r"|not\s+at\s+the\s+(?:meeting|session)|went\s+to\s+(?:\S+\s+){0,3}?hospital"
    r"|(?:will|ll|going\s+to)\s+pay\s+(?:on|by|at|in|after|when)|promise[sd]?\s+to\s+pay"
    r"|(?:has|have|had|is|are|was|were)(?:n['’]t|\s+not)\s+(?:been\s+|yet\s+)*sold"
    # none this time: "tháng này không có", "kỳ này chưa có"; another day: "để bữa khác"
    r"|(?:thang|ky|phien|lan|dot|bua|hom)\s+(?:nay|ni)\s+(?:khong|chua|ko)\s+co(?:\s+(?:tien|gi))?"
    r"|(?:de|hen|cho)\s+(?:bua|hom|dip|luc|lan|ngay)\s+khac"
    # a later session, then paying: "tháng sau lên đóng", "nói tuần sau nộp"
    r"|(?:tuan|thang|ky|phien|buoi|lan|dot)\s+(?:sau|toi)\s+(?:\S+\s+){0,3}?(?:dong|nop|tra|dua|gui)"
    # in English ("of" folds as a Telex "ò"): not yet, pending, away, no show, in hospital
    r"|not\s+yet|pending|out\s+of?\s+town|(?<!right )away|not\s+(?:at\s+)?(?:home|back|here)"
    r"|no[\s-]show|in\s+(?:the\s+)?hospital|hospitali[sz]ed"
    r")\b"
    # "nằm" masked as no "năm" (five): "ốm ·ằm viện"
    r"|(?<!\S)·am\s+(?:vien|liet)\b"
    # in a health station: "nằm trạm y tế xã", "đi trạm xá" ("trạm" masked as no "trăm")
    r"|(?<!\S)(?:[·n]am|o|di|vo|vao|bi|tai)\s+[·t]ram\s+(?:y\s+te|xa)\b"
    # "11 chưa", "s7 chưa", "2 ko": the member's number, then not yet or no ("200 ko" may be
    # a figure asked about)
    r"|^(?:(?:s|#|stt|so|tv)\s*)?(?:\d{1,3}\s*[:.,-]?\s*chua|\d{1,2}\s*[:.,-]?\s*khong)\s*[.!]*$"
)
# Put off to a later day or session, as against away ("đi biển chưa về", "không có ở nhà").
_PUT_OFF = re.compile(
    r"\b(?:hen|gia\s+han|khat|(?:nop|dong|tra|dua)\s+sau|mai\s+mot|hoan"
    r"|(?:tuan|thang|ky|phien|lan)\s+sau|(?:bua|hom|dip|luc|lan|ngay)\s+khac|" + _WHEN_THEN + r"|"
    r"(?:sau|nua|toi)\s+(?:\S+\s+){0,6}?(?:moi|roi|thi|se)"
    r"\s+(?:dong|nop|tra|dua|gui|co)|postpone[sd]?|promise[sd]?|(?:next|later)\b)\b"
)
_AWAY = re.compile(
    r"\b(?:vang|chua\s+ve|khong\s+ve|(?:khong|chua)\s+(?:co\s+)?o\s+\w+|khong\s+gap|di\s+\w+"
    r"|(?:benh|nam|nhap)\s+vien|away|absent|out\s+of?\s+town|not\s+(?:at\s+)?(?:home|here)"
    r"|qua\s+doi|tu\s+tran|mat\s+roi|dam\s+(?:ma|tang|hieu)|passed\s+away|died)\b"
)


def _nothing_paid(folded: str) -> Answer:
    """Nothing paid: put off when the words say so and nothing says the member was away."""
    put_off = _PUT_OFF.search(folded) is not None and _AWAY.search(folded) is None
    return Answer(absent=True, put_off=put_off)


# ("hôm nào bán lợn thì nộp" says when, not asks it)
_ASKS_WHEN = re.compile(
    r"\b(?:bao nhieu|bn|sao"
    r"|(?:khi nao|bao gio|hom nao|ngay nao)(?!(?:\s+\S+){1,6}?\s+(?:thi|moi)\b))\b"
)
# "vắng" is absent, unless a paid amount follows it ("ly mi vang nop 200000": a name).
_VANG = re.compile(r"\bvang\b(?!\s+(?:nop|dong|tra|dua|gui)\s+\d)")
_IN_FULL = (
    *("du", "nop du", "dong du", "day du", "da nop du", "da dong du"),
    *("in full", "paid in full", "full"),  # in English
)
# "đóng đủ rồi", "đã nộp đủ rồi ạ": paid as due, with the words that close a sentence
_IN_FULL_SAID = re.compile(
    r"(?:da\s+)?(?:(?:nop|dong|tra)\s+)?(?:du|day du)(?:\s+(?:roi|a|nha|nhe|luon|het|ca))+"
)
# Paid in full at the end of a sentence about it, never after a no ("chưa nộp đủ").
_IN_FULL_AT_END = re.compile(
    r"(?<!chua )(?<!khong )(?<!ko )(?<!chang )(?<!thieu )(?<!gan )(?<!chua duoc )"
    r"(?<!the )(?<!nao )(?<!kip )(?<!muon )(?<!se )(?<!hua )(?<!hen )"
    r"\b(?:nop|dong|tra|dua)\s+(?:duoc\s+)?du\b(?:\s+(?:roi|het|ca|luon|a|nha|nhe|nhen))*\s*[.!]*$"
)
# The interest said paid in full, the savings not named: "lãi đóng đủ rồi", "tien lai du"
_INTEREST_IN_FULL = re.compile(
    r"\b(?:tien\s+)?lai\s+(?:(?:da|cung|thi)\s+)?(?:(?:nop|dong|tra)\s+)?(?:du|day du)\b"
)
_SAVINGS_SAID = re.compile(r"\b(?:tk|tiet kiem|gui|tien gui|savings)\b")
_KEYWORDS = (
    ("principal", ("tra goc", "thu goc", "goc", "principal")),
    ("interest", ("tien lai", "lai", "interest", "int")),
    # "tiếc kiệm": tiết kiệm as the south says it
    ("savings", ("tiet kiem", "tiec kiem", "tien gui", "gui", "tk", "savings", "saving", "sav")),
)
# English: "1tr2 total (int 200k, sav 1tr)", "80k int, 20k savings, total 100k", "paid 1.2M
# including savings": a total and what it includes are no field's amount.
_NOT_A_FIELD = re.compile(
    r"\b(?:in\s+)?total\b\s*:?\s*(?:\d[\d.,]*\s*(?:k|m|tr|trieu|nghin|ngan|d|vnd)?\b)?"
    r"|\b(?:including|incl)\.?\s+(?:interest|int|savings|saving|sav)\b"
)
_FIELD_WORDS = {word: field for field, words in _KEYWORDS for word in words}
# "ko gửi", "hông đóng lãi", "chưa gửi tiết kiệm": that field is 0.
_NOTHING_FOR = re.compile(
    r"\b(?:khong|chua)\s+(?:co\s+)?(?:(?:dong|nop|dua|tra)\s+)?"
    r"(tra goc|thu goc|goc|tien lai|lai|tiet kiem|tiec kiem|tien gui|gui|tk)\b"
    r"(?!\s+(?:tien\s+)?(?:ve|len)\b)"  # "không có gửi tiền về": sending no money home
    r"(?!\s*:?\s*[1-9])"  # "lãi không gửi 50": the no is the interest's, 50 the savings
)
# "lãi chưa đóng", "tiết kiệm thì chưa gửi": said after the field, that field is 0 too (but
# "đủ lãi không gửi": the no is the savings').
_NOTHING_AFTER = re.compile(
    r"(?<!\bdu )\b(tien lai|lai|tiet kiem|tiec kiem|tien gui|tk)\s*[:\-]?\s*(?:thi\s+)?"
    r"(?:khong|chua)"
    r"(?:\s+(?:co\s+)?(?:dong|nop|gui|dua|tra))?(?!\s*\d)\b"
    r"|\b(interest|int|savings|saving|sav)\s+(?:unpaid|not\s+(?:yet\s+)?paid)\b"
)
# What was due, beside what was paid of it: "đóng 100 trong 180 lãi", "120 trên 200 lãi".
_OUT_OF = re.compile(
    r"(?<=\d)\s*(?:k\s+)?\b(?:trong|tren)\s+(?:tong\s+)?\d{1,3}(?:k|\.000)?(?=\s+(?:tien\s+)?lai\b)"
)
# "nợ lại", "nợ lãi" with no figure after: owed, not the interest's word.
_OWED = re.compile(r"\bno\s+lai\b(?!\s*:?\s*\d)")
# "đóng 2 tháng", "nộp 3 kỳ": a count of sessions, no money.
_PERIODS = r"thang|tuan|ngay|nam|ky|lan|buoi|phien|hom|bua|dot"
# "đóng 158", "nộp 200": the verb before an amount.
_PAYS = re.compile(r"\b(?:dong|nop|dua)\b(?=\s+\d)")
# "mới đóng được 100 thôi", "đóng 90 chứ không phải 100": a bare number after the paying
# verb is thousands.
# "đóng trước 50, mai đóng thêm", "tôi ghi sai 110, đúng là 120": the first written.
_PAID_BARE = re.compile(
    r"\b(?:(?:dong|nop|dua|tra)(?:\s+(?:duoc|truoc|tong|tong cong))?|tong(?:\s+cong)?"
    r"|ghi\s+(?:sai|nham|lon|lon la))"
    r"\s+([1-9]\d{0,2})(?![\w/%]|[.,]\d|\s*(?:k|nghin|ngan|trieu|tr|" + _PERIODS + r")\b)"
)
_PAYING_VERB = re.compile(r"\b(?:dong|nop|dua|tra)\b")
# "paid fifty", "paid seventy five": English tens alone after the paying verb are thousands,
# as "đóng 50" is (with doubt).
_EN_TEN = r"(?:twen|thir|for|fif|six|seven|eigh|nine)ty"
_EN_UNIT = r"one|two|three|four|five|six|seven|eight|nine"
_PAID_ENGLISH_BARE = re.compile(
    rf"\bpaid\s+({_EN_TEN}(?:[\s-]+(?:{_EN_UNIT}))?)\b(?![\s-]*(?:{_EN_UNIT}|hundred|point)\b)"
)
_EN_VALUES = {
    **{
        f"{stem}ty": 10 * n
        for n, stem in enumerate(("twen", "thir", "for", "fif", "six", "seven", "eigh", "nine"), 2)
    },
    **{word: n for n, word in enumerate(_EN_UNIT.split("|"), 1)},
}


def _english_tens(said: str) -> int:
    """ "seventy five" → 75."""
    return sum(_EN_VALUES[word] for word in re.split(r"[\s-]+", said))


# A correction: "120 chứ không phải 130", "120 not 130": the first is what was paid.
_CORRECTED = re.compile(
    r"(?<![\w.,])([1-9]\d{0,2})\s+(?:chu\s+|chu khong\s+)?(?:khong phai|not)\s+[1-9]\d{0,2}\b"
)
# The wrong figure first, then the right one: "không phải 150 mà là 160 nghìn", "ghi sai 110,
# đúng là 120". The member paid the second; the first amount written is the first.
_WRONG_FIRST = re.compile(
    r"\b(?:khong phai|ghi\s+(?:sai|nham|lon))\s+([1-9]\d{0,2})(?![\w/%]|[.,]\d)\s*,?\s*"
    r"(?:ma\s+)?(?:la|dung la|dung ra la|phai la)\s+(?=\S)"
)
# Said again in passing: "160 à không 150", "90 à nhầm, 95", "200k ờ không, 180k", "150, e
# nhầm, 105", "250, nhầm rồi, 205", after the member's name and the paying verb or not ("bà
# Hằng đóng 170 à không 175 nghìn"). The member paid the second; the first amount written is
# the first.
_SAID_AGAIN = re.compile(
    r"^(?:[^\d]*?\s)?(?P<wrong>[1-9][\d.,]*(?:\s*(?:k|nghin|ngan))?)\s*,?\s*"
    r"(?:(?:a|o|u|uh|ui|ay|e|em)\s*,?\s*(?:khong|nham|lon|sai|quen)|(?:ghi\s+)?(?:nham|lon))"
    r"(?:\s+(?:phai|roi))?\s*[,.:]?\s*(?:(?:dung|phai)\s+)?(?:la\s+)?(?=\S)"
)
# A figure wavered over: said, another said after "à", then set back after a no ("bà Tình
# 85, à 58... không, 85 đúng rồi", "120, ờ 210, nhầm, 120 mới đúng"): the member paid the
# last; the first written is the first.
_WAVERED = re.compile(
    r"^(?:[^\d]*?\s)?(?P<first>[1-9]\d{0,2}(?:\s*(?:k|nghin|ngan))?)\s*,?\s*(?:a|o|u|uh|ay)\s*,?\s*"
    r"[1-9]\d{0,2}(?:\s*(?:k|nghin|ngan))?\s*[.,…]*\s*(?:khong|nham|lon|sai)(?:\s+(?:phai|roi))?"
    r"\s*[,.:]?\s*(?=[1-9])"
)
# Teen-code and dialect for the tally's words: "dog" and "đg" (đóng), "dc" (được), "thui"
# (thôi), "xiền" (tiền).
_SHORT_WORDS = re.compile(r"\b(?:dog|dg|dc|thui|xien)\b")
_SHORT = {"dog": "dong", "dg": "dong", "dc": "duoc", "thui": "thoi", "xien": "tien"}
# A figure of one to three digits with "đ" ("a Khoa 70đ"): no member pays 70 đồng, so it is
# a figure in thousands, as a bare "70" is (and echoed the same way); "0đ" stays nothing.
_SMALL_DONG = re.compile(r"(?<![\d.,])([1-9]\d{0,2})(\s?d)\b(?![.,]?\d)")
# No Vietnamese word ends in "q": teen-code writes it for "ng" ("đóq", "hk đóq").
_TEEN_NG = re.compile(r"(?<=[a-z][aeiouy])q\b")
# No Vietnamese word has a "z": southern teen-code writes it for "v" ("zề", "zô", "zậy").
_TEEN_V = re.compile(r"\bz(?=[aeiouy])(?!ero|alo|oom|one)")
# "mùng mười", "mùng hai mươi mốt": a day said in words is no amount.
_DAY_IN_WORDS = re.compile(
    r"\bmung\s+(?:(?:(?:hai|ba)\s+)?muoi(?:\s+(?:mot|hai|ba|bon|tu|lam|nam|sau|bay|tam|chin))?"
    r"|mot|hai|ba|bon|nam|sau|bay|tam|chin)\b(?!\s+(?:k|nghin|ngan|trieu|tram|chuc)\b)"
)
# A field's letter glued to its bare figure, as a bookkeeper's column: "L140/TK60", "G2tr
# L120", "L: 115"; and "/" between one field's figure and the next field.
# After a figure, a letter is a field's only after the member's tag or another field's figure
# ("s9 l135", "#2 L85", "l115 t25 g0"; "7 g30" is a time); "t" is the savings only after the
# interest ("l200 t30"; "t7" alone is a weekday or a month).
_FIELD_LETTER = re.compile(
    r"(?=[ltg])(?<![a-z\d])(?:(?P<letter>l|g|t)(?:[:.]\s*)?|(?P<word>tk|lai|goc))(?=\d)"
)
_LETTER_FIELD = {"l": "lai ", "g": "goc ", "t": "tk "}
# An amount said in words just before: "trăm mốt t200", "lít hai t50" (the interest, then "t").
_SPOKEN_BEFORE = re.compile(
    r"\b(?:tram|chuc|muoi|lit|xi|ruoi|nghin|ngan|k|mot|hai|ba|bon|tu|lam|nam|sau|bay|tam|chin)"
    r"\s*$"
)
_TAG_OR_FIELD_BEFORE = re.compile(r"(?:^|\s)(?:#|s|st|stt|so|tv|tk|[ltg])\s*\d[\d.,]*(?:k|tr)?\s$")
_INTEREST_BEFORE = re.compile(r"(?<![a-z\d])l\s*[:.]?\s*\d|\blai\s*\d")
_SLASH_FIELD = re.compile(r"(?<=[\dk])\s*/\s*(?=(?:l|g|tk|lai|goc|tiet kiem|gui)(?:\b|\d)|t\d)")
# "chị hong đóng 135k" typed in lower case: after a title and before a paid amount "hong" is
# the name Hồng, not "hông" (không).
_HONG_NAMED = re.compile(
    r"\b((?:ba|ong|co|chi|cj|anh|chu|bac|di|thim|em|o|c|a|cu)\s+)hong(?=\s+(?:dong|nop|dua|tra|gui)\s+\d)"
)
# Words spelt with diacritics that fold to a tally word but are not it: "Vàng" (a name) is
# not "vắng", "hoàn trả" (paying back) not "hoãn" (put off); "nỏ" is the central "không".
_NOT_TALLY_WORD = re.compile(
    r"(?<![^\W\d_])(?:v[aàáảãạ]ng|kh[aàáảãạ]t|ho[aàáảãạ]n)(?![^\W\d_])", re.I
)
_SPELT_TALLY = {"vắng", "khất", "vang", "khat", "hoãn", "hoan"}
_NO_CENTRAL = re.compile(r"(?<![^\W\d_])[nN]ỏ(?![^\W\d_])")
# "nộp 140 ạ, gửi 30 ạ": the polite particle after a figure, no word of the line.
_POLITE = re.compile(r"(?<![^\W\d_])ạ(?![^\W\d_])")
# "chỉ đóng tiết kiệm", "chi gui tk 100 thoi", "mới đóng lãi thôi": only what is named.
_ONLY = re.compile(
    r"^(?:chi|moi)\s+(?:co\s+)?(?:dong|nop|gui|dua|tra|lai|tien|tk|tiet)\b"
    r"|\bthoi(?:\s+(?:a|nha|nhe|do))?$"
)
# "kdong", "kgui": không glued to the verb (not after digits: "500kdong" is 500k đồng).
_JOINED_NOT = re.compile(r"(?<![\d.,])(?<!\d )\b(?:k|ko|kh|hk|khg|kg)(dong|nop|gui|tra|co|dua)\b")
# A negative amount: a minus touching the digits, or after a field's word ("gửi - 50k"); a
# dash between a name and the amount ("Hưng - 300k") is not one.
_NEGATIVE = re.compile(
    r"(?:^|\s)-\d|(?:^|\b(?:lai|gui|tk|tiet kiem|goc|nop|dong|tra))\s*:?\s*-\s*\d"
)
# "0", "0đ", "nộp 0 đồng" among other words ("Sơn Thị Ly nộp 0đ").
_ZERO_WORD = re.compile(r"(?<![\d.,])\b(?:0+|zero)(?:\s*(?:d|dong|vnd|k))?\b(?![.,]\d)")
# A count of things ("bán 2 con bò", "3 bao lúa"): no money.
_THINGS = (
    r"con\s+(?:bo|heo|lon|ga|vit|trau|de|ca|cho|meo|ngua)\b"
    r"|(?:cai|chiec|bao|cay|tan|ta|thung|can|bo)\b"
)
# A bare number in a piece of a tally line (not part of 1.5, 7/12, 10%), nor a count of
# sessions or an age ("đóng bù 3 tháng tiết kiệm", "81 tuổi"), nor a member's number ("chị Lan
# số 3 đóng lãi …", "stt 12", "#4").
_BARE_IN = re.compile(
    r"(?<![\w.,/#])(?<!\bso )(?<!\bstt )(?<!\btv )([1-9]\d{0,2})"
    r"(?![\w/%]|[.,]\d|\s+(?:(?:"
    + _PERIODS
    + r")\b(?!\s*\d)|tuoi\b|years?\s+old\b|"
    + _THINGS
    + r"))"
)
# After an English number word "k" is thousands too ("fifty k savings", "a hundred k").
_AFTER_ENGLISH_NUMBER = "".join(
    rf"(?<!{word} )"
    for word in (
        *("hundred", "ty", "teen", "one", "two", "three", "four", "five", "six"),
        *("seven", "eight", "nine", "eleven", "twelve"),
    )
)
# "k" and "kg" after digits are thousands ("500 k dong"); the other ways of writing "không"
# are "không" after digits too ("tv17 ko nộp"), and at the end ("lãi ko", "tháng này ko").
_NOT = re.compile(
    r"(?:(?<![\d.,])(?<!\d )" + _AFTER_ENGLISH_NUMBER + r"\b(?:k|kg)\b(?=\s+[a-z])"
    r"|\b(?:ko|kh|hk|hok|hog|hong|khg|hem|hum)\b(?=\s+[a-z]|\s*[.!]*$))"
)
# "stt 15 k đóng", "số 3 k nộp": a "k" after the member's number, before a paying verb, is
# "không", not thousands.
_MEMBER_NOT = re.compile(
    r"\b((?:stt|so|tv|thanh vien)\s*\d{1,3})\s+k(?=\s+(?:co\s+)?(?:dong|nop|gui|tra|dua)\b)"
)
_ZERO = re.compile(
    r"(?:(?:dong|nop|gui|tra|paid)\s+)?(?:0|khong|zero|nothing|none)(?:\s*(?:d|dong|vnd|k))?"
    r"(?:\s+(?:0|khong)(?:\s*(?:d|dong|vnd|k))?)*"
)
_NOT_ALONE = {"ko", "k", "kh", "hk", "hok", "hong", "khg", "kg", "hem", "hum"}
_BARE = re.compile(r"\d{1,3}")
# Words that close a line and say nothing more, one or more: "thui nha", "ok nhe".
_CLOSINGS = re.compile(
    r"(?:\s*[,.]?\s*\b(?:ok|oke|okie|oki|nha|nhe|nhen|a|roi|xong|nghen|thoi|nhaa)\b)+\s*[.!]*$"
)
# A member named, then a bare number ("bà Đào 95"): thousands, to be echoed.
_NAMED_BARE = re.compile(r"(?=[^\d]*[a-z·])[^\d]{1,60}\s(\d{2,3})")


_PADDED = re.compile(r"(?<=[a-z])   +(?=[a-z\d])")


_LOI = re.compile(r"(?<!xin )\bloi\b(?=\s*:?\s*\d)")
# A member's tag, a field's word and its figure typed as one: "s9tk50", "#4lai120".
_TAG_FIELD_GLUED = re.compile(r"(?<![a-z\d])((?:s|#)\d{1,3})(tk|lai|gui)(?=\d)")


def _folded(text: str) -> str:
    """Folded, with the ways of writing "không" before a word made one."""
    if not text.isascii():
        if "ạ" in text:
            text = _POLITE.sub(" ", text)
        text = _NOT_TALLY_WORD.sub(
            lambda m: m.group(0) if m.group(0).lower() in _SPELT_TALLY else "·" + m.group(0)[1:],
            _NO_CENTRAL.sub("ko", text),
        )
    folded = fold_for_amounts(text)
    if "   " in folded:  # "tieetj kieemj" undone pads its words: "tiet   kiem" is tiết kiệm
        folded = _PADDED.sub(" ", folded)
    if "z" in folded:  # "chưa zề": the south's teen-code z for v (not "zero", "zalo")
        folded = _TEEN_V.sub("v", folded)
    if "q" in folded:  # "đóq", "hk đóq": teen-code q for the final "ng"
        folded = _TEEN_NG.sub("ng", folded)
    if "mung" in folded:  # "hẹn mùng mười": a day of the month, no amount
        folded = _DAY_IN_WORDS.sub("mung ·", folded)
    if "d" in folded and _SMALL_DONG.search(folded):  # "70đ": 70, in thousands
        folded = _SMALL_DONG.sub(lambda m: m.group(1) + " " * len(m.group(2)), folded)
    if "dc" in folded or "dog" in folded or "dg" in folded or "thui" in folded or "xien" in folded:
        folded = _SHORT_WORDS.sub(lambda m: _SHORT[m.group(0)], folded)
    if "/" in folded:
        folded = _SLASH_FIELD.sub(" ", folded)
    if "loi" in folded:  # "lời 120": the south's word for the interest, before its figure
        folded = _LOI.sub("lai", folded)
    if "tk" in folded or "lai" in folded or "gui" in folded:  # "s9tk50": tag, field, figure
        folded = _TAG_FIELD_GLUED.sub(r"\1 \2 ", folded)
    folded = _FIELD_LETTER.sub(_field_word, folded)
    if "k" in folded:
        folded = _MEMBER_NOT.sub(r"\1 khong", _JOINED_NOT.sub(r"khong \1", folded))
    if "hong" in folded:
        folded = _HONG_NAMED.sub(r"\1·ong", folded)
    return _NOT.sub("khong", folded)


def _field_word(m: re.Match[str]) -> str:
    """ "L140" → "lai 140", "tk60" → "tk 60": the field's word apart from its figure."""
    letter = m.group("letter")
    if not letter:
        return m.group("word") + " "
    before = m.string[: m.start()]
    if letter == "t" and not _INTEREST_BEFORE.search(before) and not _SPOKEN_BEFORE.search(before):
        return letter  # "t" is the savings only after the interest ("l120 t30", "trăm mốt t200")
    if before[-2:-1].isdigit() and not _TAG_OR_FIELD_BEFORE.search(before):
        return letter  # "7 g30": a time, not the principal
    return _LETTER_FIELD[letter]


def _marks(folded: str) -> list[tuple[int, int, str]]:
    """Where each field word stands: [(start, end, field)], in order; "gửi tiết kiệm" is two
    marks for one field."""
    marks: list[tuple[int, int, str]] = []
    for field, words in _KEYWORDS:
        for word in words:
            for m in re.finditer(rf"\b{word}\b", folded):
                if not any(s <= m.start() < e for s, e, _f in marks):
                    marks.append((m.start(), m.end(), field))
    return sorted(marks)


def _amounts(segment: str) -> list[Amount]:
    """The amounts in a piece of a tally line. In the tally a bare number is thousands
    ("gửi 200" is 200.000 đ), read with doubt, unless it names something ("tháng 9")."""
    found = read_amounts(segment)
    if found or names_something(segment):
        return found
    return [
        Amount(int(m.group(1)) * 1_000, m.start(1), spoken=True) for m in _BARE_IN.finditer(segment)
    ]


def _only(text: str, folded: str) -> bool:
    """ "chỉ đóng tiết kiệm 100 nghìn thôi", "chi gui tk 100 thoi": only what is named was
    paid. "chị" (a title, as typed with its accent or its Telex key "chij") is not "chỉ"."""
    if re.match(r"\s*(?:ch[ịỊ]|chij\b)", text, re.I):
        return False
    return bool(_ONLY.search(folded))


_BEFORE_INTEREST = re.compile(r"\d{1,3}\s*(?:tien\s+)?lai\b")


def _fields(
    folded: str, said: str, member_named: bool = False, set_aside: dict[int, int] | None = None
) -> dict[str, tuple[int, Amount]]:
    """Each field's amount: the one after its word ("lãi 158 gửi 200"), or, when the amounts
    come first and nothing follows the last word, the one before it ("158 lãi 200 tiết kiệm").
    An amount before any field word is the interest ("đóng 158, gửi 200"). `folded` is `said`
    with the paying verbs blanked out; `member_named` when the member was taken off the line
    already, so a bare number opening it is an amount ("165 gửi 2 trăm" after "Ngọc Tâm").
    A field's amount set right ("lãi 150k, á lộn 160k") is the right one; where it stands,
    `set_aside` gets the one first written."""
    marks = _marks(folded)
    if not marks:
        return {}
    by_clause = _clause_fields(folded, marks)
    if by_clause is not None:  # "1tr5 là tiết kiệm, lãi 110": each clause its own field
        return by_clause
    head = _amounts(folded[: marks[0][0]])
    after = [
        (field, end, folded[end : marks[i + 1][0] if i + 1 < len(marks) else len(folded)])
        for i, (_start, end, field) in enumerate(marks)
    ]
    values: dict[str, tuple[int, Amount]] = {}
    if head and not _has_amount(after[-1][2]):  # "158 lãi 200 tiết kiệm"
        before = 0
        for start, end, field in marks:
            amounts = _amounts(folded[before:start])
            if amounts and field not in values:
                values[field] = (before + amounts[-1].start, amounts[-1])
                fixed = _wrong_then_right(folded[before:start]) if len(amounts) > 1 else None
                if fixed and set_aside is not None:  # "200 ấy nhầm 220 nhé, lãi": 200 first
                    set_aside[before + amounts[-1].start] = fixed[0]
            before = end
        return values
    for field, offset, segment in after:
        if field in values:
            said_again = _amounts(segment)
            start, first = values[field]
            if said_again and _SLIP.search(folded, start, offset):  # "lãi 1 củ 2, nhầm, lãi 112"
                values[field] = (start, dataclasses.replace(said_again[0], spoken=True))
                if set_aside is not None:
                    set_aside[start] = first.value
            continue
        amounts = _amounts(segment)
        before_next = offset + len(segment) < len(folded)  # another field's word follows
        if not amounts and _has_amount(
            _NEXT_FIELD_NOT.sub("", segment) if before_next else segment
        ):
            amounts = [Amount(0, 0)]  # "lãi 0", "lãi không, gửi 50" ("lãi đủ ko gửi": gửi's)
        fixed = _wrong_then_right(segment) if len(amounts) > 1 else None
        if fixed:  # "lãi 150k, á lộn 160k": the field's amount is the one set right
            start = offset + amounts[0].start
            values[field] = (start, dataclasses.replace(fixed[1], spoken=True))
            if set_aside is not None:
                set_aside[start] = fixed[0]
        elif amounts:
            values[field] = (offset + amounts[0].start, amounts[0])
    # "đóng 158 gửi 200": an amount before the words is the interest; a bare number that
    # opens the line is the member's ("5 lãi 100k gửi 0").
    # But a figure right before "lãi" when "lãi" has none of its own is the interest's ("120
    # lãi bà Hai, tk 20").
    head = [
        x
        for x in head
        if member_named
        or not (x.spoken and not said[: x.start].strip())
        or (_BEFORE_INTEREST.match(said, x.start) and "interest" not in values)
    ]
    if head and "interest" not in values:
        fixed = _wrong_then_right(folded[: marks[0][0]]) if len(head) > 1 else None
        if fixed:  # "nộp 140, à không 145, tiết kiệm 15": the interest set right
            values["interest"] = (head[0].start, dataclasses.replace(fixed[1], spoken=True))
            if set_aside is not None:
                set_aside[head[0].start] = fixed[0]
        else:
            values["interest"] = (head[0].start, head[0])
    return values


def _clause_fields(
    folded: str, marks: list[tuple[int, int, str]]
) -> dict[str, tuple[int, Amount]] | None:
    """Each field's amount when the line is clauses apart (at "," or ";") that each name one
    field and one amount on one side of it, before ("1tr5 là tiết kiệm") or after ("lãi
    110"); None when it is not so written."""
    clauses = [(m.start(), m.end()) for m in re.finditer(r"[^,;]+", folded)]
    if len(clauses) < 2:
        return None
    values: dict[str, tuple[int, Amount]] = {}
    for start, end in clauses:
        inside = [x for x in marks if start <= x[0] < end]
        if len({field for _s, _e, field in inside}) != 1:
            return None
        field = inside[0][2]
        before, after = (
            _amounts(folded[start : inside[0][0]]),
            _amounts(folded[inside[-1][1] : end]),
        )
        if bool(before) == bool(after) or field in values:
            return None
        if before:
            values[field] = (start + before[-1].start, before[-1])
        else:
            values[field] = (inside[-1][1] + after[0].start, after[0])
    return values


def _not_for_fields(plain: str) -> str:
    """`plain` with what is no field's amount blanked: a total, what it includes, and the
    figure a correction set aside ("120 not 130, Mrs Lan's interest" is 120)."""
    if "total" in plain or "incl" in plain:
        plain = _NOT_A_FIELD.sub(lambda m: " " * len(m.group(0)), plain)
    for m in _CORRECTED.finditer(plain):
        plain = plain[: m.end(1)] + " " * (m.end() - m.end(1)) + plain[m.end() :]
    return plain


# A no closing a field's words with no pause before the next field's word: that field's
# no ("lãi đủ ko gửi": the savings are 0, the interest paid in full).
_NEXT_FIELD_NOT = re.compile(r"\b(?:khong|chua)(?:\s+co)?(?:\s+(?:dong|nop|dua|tra))?\s*$")


def _has_amount(segment: str) -> bool:
    return bool(_amounts(segment)) or re.search(r"\b0\b|\bkhong\b", segment) is not None


# Where a pasted row stands in the notebook: "Trang 3, dòng 22:", "hàng số 7 -" (with the
# diacritics: "dong 22" unmarked is "đóng 22", paying 22.000 đ).
_ROW_REF = re.compile(
    r"(?i)(?<![^\W\d_])(?:(?:trang|tr\.)\s*\d{1,3}\s*[,;.]?\s*)?(?:dòng|hàng)\s+(?:số\s+)?\d{1,3}"
    r"(?!\s*(?:k|nghìn|ngàn|triệu|tr|đ|đồng)\b)(?![\d.,]\d)\s*[:.)\-]?"
)


def _without_row_ref(text: str) -> str:
    """`text` with a notebook row's place taken out: its number is no amount."""
    if "òng" not in text and "àng" not in text and "ÒNG" not in text and "ÀNG" not in text:
        return text
    return _ROW_REF.sub(lambda m: " " * len(m.group(0)), text)


# A figure crossed out in the notebook and pasted so: "~~120~~ 125", "~~150~~ ~~160~~ 165",
# "200 (gạch) 210": set aside as a slip is ("120 à nhầm 125"); the first written stays first.
_STRUCK = re.compile(r"(?:~~\s*(?P<first>[^~]{1,20}?)\s*~~\s*)(?:~~[^~]{1,20}~~\s*)*")
_CROSSED = re.compile(r"(?P<first>\d[\d.,]*\s*k?)\s*\((?:gạch|gach|xóa|xoa|bỏ|bo)\)\s*", re.I)


def _uncrossed(text: str) -> str:
    """`text` with crossed-out figures written as slips ("~~120~~ 125": "120 à nhầm 125")."""
    if "~~" in text:
        text = _STRUCK.sub(lambda m: f"{m.group('first')} à nhầm ", text)
    if "(" in text:
        text = _CROSSED.sub(lambda m: f"{m.group('first')} à nhầm ", text)
    return text


# A figure owned up to as wrong before the line set right: "s12 180 - sai, 18 là tk, lãi 160"
# (the member paid what follows; the first amount written is the first).
_SLIP_FIRST = re.compile(
    rf"^(?:{member_parts.TAGS}\s*\d{{1,3}}\s+)?(?P<wrong>[1-9]\d{{0,2}}(?:\s*k)?)\s*[-,.]?\s*"
    r"(?:(?:a|e|o|u)\s+)?(?:sai|nham|lon|ghi sai|ghi nham)(?:\s+roi)?\s*[,.:;-]\s*(?=\S)"
)
# A row of the member's number and figures typed with dashes: "18-250-40".
_DASHED_ROW = re.compile(r"(\d{1,3})-(\d{1,3})-(\d{1,3})")


def _read(text: str, member_named: bool = False) -> tuple[Answer, int | None]:
    """The answer, and the first amount as written (0 when nothing was paid)."""
    text = _uncrossed(_without_row_ref(text))
    folded = _folded(text).strip()
    if folded in _NOT_ALONE:  # "ko": nothing paid
        folded = "khong"
    if not folded:
        raise NotUnderstood(text)
    _several_members(text, folded)  # "Lan 90 Hoa 100 Mai vắng": never one member's
    columns = _columns(text)
    if columns is not None:  # "STT 3 - Lan - 120 - 20": a notebook's row, to be echoed
        return columns
    if _NEGATIVE.search(folded):  # a negative amount
        raise NotUnderstood(text)
    if "(" in text or "gom" in folded or "trong do" in folded or _TOTAL_WORD.search(folded):
        total = _total_then_parts(text, member_named)
        if total is not None:  # "đóng 250 (lãi 200 tk 50)": the total, then its parts
            return total
    dashed = _DASHED_ROW.fullmatch(text.strip())
    if dashed is not None and (int(dashed.group(2)) > 12 or int(dashed.group(1)) > 31):
        text = " ".join(dashed.groups())  # "18-250-40" is "18 250 40" (never 18/12/40)
    figures = _figures(text)
    if figures is not None:  # "3 150 50", "s10 140/20": thousands, to be echoed
        return figures
    if _VANG.search(folded):
        return Answer(absent=True), 0
    if _ZERO.fullmatch(folded) or _BARE_NO.fullmatch(folded):
        return Answer(interest=0, savings=0), 0
    if folded in _IN_FULL or _IN_FULL_SAID.fullmatch(folded):  # "đóng đủ rồi", "đủ rồi nha"
        return Answer(in_full=True), None
    slip = _SLIP_FIRST.match(folded)
    if slip is not None and _marks(folded[slip.end() :]):  # "180 - sai, 18 là tk, lãi 160"
        answer, _first = _read(folded[slip.end() :], member_named=True)
        return answer, _amounts(slip.group("wrong"))[0].value
    values: dict[str, tuple[int, Amount]] = {}
    unnamed = False
    corrected = None if _marks(folded) else _wrong_then_right(folded)
    if corrected:
        wrong, right = corrected
        if right.value > ABSURD_AMOUNT:
            raise OverCap(text, right.value)
        answer = Answer(
            interest=right.value, doubtful=True, doubtful_fields=("interest",), unnamed=True
        )
        return answer, wrong
    for pattern in (_NOTHING_FOR, _NOTHING_AFTER):
        for m in pattern.finditer(folded):
            word = next(group for group in m.groups() if group)
            values.setdefault(_FIELD_WORDS[word], (m.start(), Amount(0, m.start())))
    said_unpaid = set(values)  # in words ("không đóng lãi"): no amount written
    # "đóng 158": paying, not "dòng 158" (a line number): the verb is not read as a name.
    plain = _PAYS.sub(lambda m: " " * len(m.group(0)), folded)
    if " tren " in plain or " trong " in plain:  # "đóng 100 trong 180 lãi": 180 is the due
        plain = _OUT_OF.sub(lambda m: " " * len(m.group(0)), plain)
    if "no lai" in plain:  # "17 nợ lại": owed, no interest paid, 17 the member's number
        plain = _OWED.sub(lambda m: m.group(0)[:2] + " " * (len(m.group(0)) - 2), plain)
    fields = _not_for_fields(plain)
    set_aside: dict[int, int] = {}  # where a field's amount set right was first written
    for field, value in _fields(fields, folded, member_named, set_aside).items():
        if field in said_unpaid and field != "interest" and value[1].value:
            # "đóng lít hai thôi, ko gửi": the amount before the unpaid field is the interest
            values.setdefault("interest", value)
        values.setdefault(field, value)
    only = _only(text, folded)
    as_due = tuple(
        field
        for field in ("interest", "savings")
        if field not in values and _named_as_paid(folded, field, only)
    )
    if not values and not as_due:
        absent = _ABSENT.search(folded)
        if (absent and not _paid_before(folded[: absent.start()])) or _NOT_YET.match(folded):
            return _nothing_paid(folded), 0
        amounts = read_amounts(plain)
        bare = plain.strip()
        if not amounts and _BARE.fullmatch(bare):  # "200" alone: 200 nghìn, to be echoed
            amounts = [Amount(int(bare) * 1_000, plain.index(bare), spoken=True)]
        if not amounts:  # "đóng được 100 thôi", "120 chứ không phải 130"
            paid = _CORRECTED.search(folded) or _PAID_BARE.search(folded)
            verb = _PAYING_VERB.search(folded) is not None
            lone = _written(plain) if verb and not names_something(folded) else []
            if paid:
                amounts = [Amount(int(paid.group(1)) * 1_000, paid.start(1), spoken=True)]
            elif len(lone) == 1 and lone[0].value >= 10_000:  # "đóng trước 2 tháng, 240"
                amounts = lone
            elif "paid" in folded and (said := _PAID_ENGLISH_BARE.search(folded)):
                amounts = [Amount(_english_tens(said.group(1)) * 1_000, said.start(1), True)]
        # "a Khoa 70 thui nha": the words that close the line say nothing more
        closed = _CLOSINGS.sub("", folded)
        named = None if amounts or names_something(folded) else _NAMED_BARE.fullmatch(closed)
        if not amounts and not named and _says_nothing_now(text, folded):  # "xin gia hạn"
            return _nothing_paid(folded), 0
        if named:  # "bà Đào 95" (but not "tổ 12", "ấp 3")
            amounts = [Amount(int(named.group(1)) * 1_000, named.start(1), spoken=True)]
        if not amounts and _ZERO_WORD.search(folded):  # "Sơn Thị Ly nộp 0đ"
            return Answer(interest=0, savings=0), 0
        if len(amounts) == 1:
            values["interest"] = (amounts[0].start, amounts[0])  # a bare amount: the interest
            unnamed = True
        elif len(amounts) == 2:
            values["interest"] = (amounts[0].start, amounts[0])
            values["savings"] = (amounts[1].start, amounts[1])
        elif amounts:
            raise SeveralAmounts(text, min(amounts, key=lambda a: a.start).value)
        elif _INTEREST_IN_FULL.search(folded) and not _SAVINGS_SAID.search(folded):
            return Answer(as_due=("interest",)), None  # "lãi đóng đủ rồi": the interest only
        elif _IN_FULL_AT_END.search(folded) and not _says_nothing_now(text, folded):
            return Answer(in_full=True), None  # "hôm qua mới đem tới nộp đủ rồi"
        else:
            raise NotUnderstood(text)
    shorts = _shortfalls(folded, values)
    if shorts and not values:  # "nộp 100.000 đồng; còn thiếu 25.000 đồng tiền lãi"
        stated = [a for a in _written(plain) if a.value not in shorts.values()]
        if stated:  # what was paid is stated: the owed amount is a remark, the paid one stands
            values["interest"] = (stated[0].start, dataclasses.replace(stated[0], spoken=True))
            unnamed, shorts = True, {}
    for _start, amount in values.values():
        if amount.value < 0:
            raise NotUnderstood(text)
        if amount.value > ABSURD_AMOUNT:
            raise OverCap(text, amount.value)
    zeroed: list[str] = []
    if only:  # "chỉ gửi tiết kiệm 100k": the interest was not paid
        for field in ("interest", "savings"):
            if field not in values and field not in as_due:
                values[field] = (len(folded), Amount(0, len(folded)))
                zeroed.append(field)
    answer = Answer(
        interest=values["interest"][1].value if "interest" in values else None,
        savings=values["savings"][1].value if "savings" in values else None,
        principal_from_savings=values["principal"][1].value if "principal" in values else None,
        doubtful=any(amount.spoken for _s, amount in values.values()),
        as_due=as_due,
        doubtful_fields=tuple(
            field
            for field in ("interest", "savings", "principal")
            if field in values and values[field][1].spoken
        ),
        unnamed=unnamed and len(values) == 1,
        interest_short=shorts.get("interest"),
        savings_short=shorts.get("savings"),
        only_zeroed=tuple(zeroed),
        more=_MORE.search(folded) is not None,
    )
    if not values:
        return answer, min(shorts.values()) if shorts and len(shorts) == 1 else None
    # The first amount written, whether or not a field took it ("đóng 400k, trong đó lãi
    # 300k, tiết kiệm 100k" starts with 400.000).
    # A field said unpaid in words is no amount written when another one is ("không đóng
    # lãi, gửi 50k" starts with 50.000).
    written = [v for field, v in values.items() if field not in said_unpaid] or list(
        values.values()
    )
    first_start, first = min(written, key=lambda v: v[0])
    earliest = min(read_amounts(plain), key=lambda a: a.start, default=first)
    paid = _PAID_BARE.search(folded)  # "nộp 120, gửi 30": the bare figure after the verb
    if paid is not None and paid.start(1) < min(earliest.start, first_start):
        return answer, int(paid.group(1)) * 1_000
    if earliest.start < first_start:
        return answer, earliest.value
    return answer, set_aside.get(first_start, first.value)


# What is still owed, said instead of what was paid: "còn thiếu 10 ngàn", "thiếu tk 30k",
# "nợ lại lãi 20k", "still owes 15k"; the field's word between the cue and its amount.
_SHORT_CUE = re.compile(
    r"\b(?:con\s+thieu|thieu|con\s+no(?:\s+lai)?|no\s+lai|still\s+owes?|owes?|short(?:\s+by)?)"
    r"\s+(?P<field>(?:tien\s+)?(?:lai|tk|tiet kiem|gui|tien gui|interest|savings)\s*:?\s+)?"
    r"(?:(?:la|khoang|co|chung|about)\s+)?"
)
_SHORT_FIELD = {"lai": "interest", "interest": "interest"}


def _shortfalls(folded: str, values: dict[str, tuple[int, Amount]]) -> dict[str, int]:
    """The amounts read as paid that the line says are still owed ("còn thiếu 10 ngàn"),
    taken out of `values`, by field: a field named after the cue ("thiếu tk 30k") is that
    field's shortfall; an amount with none is the interest's, unless the interest was paid in
    the same line ("đóng 100k còn thiếu 10k": what is owed is said, the paid amount stands)."""
    shorts: dict[str, int] = {}
    if not _OWED_WORDS.search(folded):
        return shorts
    for cue in _SHORT_CUE.finditer(folded):
        after = read_amounts(folded[cue.end() :])
        bare = _BARE_OWED.match(folded[cue.end() :])  # "tiết kiệm thiếu 50": thousands
        if after and after[0].start == 0:
            owed = after[0].value
        elif bare is not None:
            owed = int(bare.group(1)) * 1_000
        else:
            continue
        hit = next(
            (field for field, (_s, amount) in reversed(values.items()) if amount.value == owed),
            None,
        )
        if hit is None:
            continue
        values.pop(hit)
        after_field = _FIELD_AFTER.match(folded[cue.end() :])
        before_field = _FIELD_BEFORE.search(folded[: cue.start()])  # "tiết kiệm thiếu 50"
        named = (
            cue.group("field")
            or (after_field.group("field") if after_field else None)
            or (before_field.group("field") if before_field else None)
        )
        if named:
            field = "interest" if "lai" in named or "interest" in named else "savings"
        elif "interest" not in values:
            field = "interest"
        else:
            continue  # what is owed beside what was paid: said, not noted
        shorts[field] = owed
    return shorts


# The field named after the owed amount: "còn thiếu 10k tiền gửi", "thiếu 25.000 đồng lãi"
_FIELD_AFTER = re.compile(
    r"[\d.,]+\s*(?:k|nghin|ngan|ngin|dong|d)?\s+(?:dong\s+)?(?P<field>(?:tien\s+)?"
    r"(?:lai|tk|tiet kiem|gui|tien gui))\b"
)
# The field named just before the cue: "tiết kiệm thiếu 50", "lãi còn thiếu 20 ngàn"
_FIELD_BEFORE = re.compile(
    r"\b(?P<field>(?:tien\s+)?(?:lai|tk|tiet kiem|gui|tien gui))\s*(?:(?:thi|con|van)\s+)?$"
)
_BARE_OWED = re.compile(r"([1-9]\d{0,2})(?![\d.,]\d|\s*(?:k|tr|nghin|ngan|trieu)\b)")
# More on top of what was paid before: "đưa thêm 145 nữa", "nộp bù thêm 50k", "paid 50k more"
_MORE = re.compile(
    r"\b(?:(?:dua|dong|nop|tra|gui|bu)\s+them|them\s+\d|(?<!\d )more\b|another\s+\d)"
)
_OWED_WORDS = re.compile(r"\b(?:thieu|no|owes?|short)\b")


# A total said first, then what it is made of: "đóng 250 (lãi 200 tk 50)", "nộp 150, gồm lãi
# 120 và tk 30", "s7 200 (170+30)", "200k, trong đó lãi 170k".
_TOTAL_THEN_PARTS = re.compile(
    r"(?<![\w.,])(?P<total>[1-9]\d{0,2}(?:[.,]\d{3})*"
    r"(?:\s*(?:k|nghìn|ngàn|nghin|ngan|tr|triệu|trieu)(?![^\W\d_]))?)\s*"
    r"(?:\(|[,:;]?\s*(?:(?:bao\s+)?g[ồôo]m|trong\s+[đd][óo])(?![^\W\d_])"
    # "300 tổng, 260 lãi 40 tk", "130 hết, 100 lãi 30 tk": the word after the total
    r"|\s*(?:t[ổo]ng(?:\s+c[ộo]ng)?|h[ếe]t|t[ấa]t\s+c[ảa]|total)\s*[,:;])",
    re.I,
)


_TOTAL_WORD = re.compile(r"\d\s*(?:k\s*)?(?:tong|het|tat ca|total)\s*[,:;]")


def _total_then_parts(text: str, member_named: bool) -> tuple[Answer, int] | None:
    """A total, then its parts ("đóng 250 (lãi 200 tk 50)"): the fields are the parts and
    the first amount the total, when the parts add up to it; None when they do not, or when
    no total opens a breakdown."""
    m = _TOTAL_THEN_PARTS.search(text)
    if m is None:
        return None
    rest = text[m.end() :].replace(")", " ", 1)
    try:
        answer, _first = _read(f"{text[: m.start()]} {rest}", member_named)
    except NotUnderstood:
        return None
    total = _amounts(_folded(m.group("total")))
    parts = [answer.interest, answer.savings, answer.principal_from_savings]
    if len(total) != 1 or answer.absent or sum(x or 0 for x in parts) != total[0].value:
        return None
    corrected = _wrong_then_right(_folded(text))  # "400k, à không, 450k gồm …": 400k first
    if corrected is not None and corrected[1].value == total[0].value:
        return answer, corrected[0]
    return answer, total[0].value


# Several members' tags together before what they paid, each their own ("s1+s2 vợ chồng:
# chồng 150, vợ 120", "số 3 và số 4: 100k, 120k").
_TAGS_TOGETHER = re.compile(
    rf"^\s*{member_parts.TAGS}\s*\d{{1,3}}(?:\s*(?:[+&,]|\bva\b|\bvoi\b|\band\b)\s*"
    rf"{member_parts.TAGS}\s*\d{{1,3}})+(?![\d.,])"
)
# Each of several members named together paid the same: "A Kim với Y Gioan, mỗi người 100,
# tổng 200", "o Hoa với mệ Liên mỗi người 120" ("số 10 số 11 mỗi người 230k" is split by tag).
_EACH = re.compile(r"\bmoi\s+(?:nguoi|ho|ba|chi|anh|ong|co|nha|dua|thanh vien|member)\b|\beach\b")
_TOGETHER = re.compile(r"\b(?:voi|va|and|with)\b|[+&]")


def _several_members(text: str, folded: str) -> None:
    """Raises SeveralAmounts, with the first amount written, for a line about several
    members that no tag splits: by name ("Lan 90 Hoa 100 Mai vắng Đào 120"), by tags
    together ("s1+s2 vợ chồng: chồng 150, vợ 120"), or each paying the same ("A Kim với Y
    Gioan, mỗi người 100"). The tally splits the first kind where it knows the names."""
    parts = member_parts.by_name(text)
    if parts is not None:
        raise SeveralAmounts(text, _first_paid(parts))
    tagged = member_parts.tagged(folded)
    if tagged is not None:  # "#1 120 | #2 vắng | #3 90" (the tally splits it by tag)
        raise SeveralAmounts(text, _first_paid([said for _n, said in tagged]))
    together = _TAGS_TOGETHER.match(folded)
    if together is not None:
        found = _written(folded[together.end() :])
        if len(found) >= 2:
            raise SeveralAmounts(text, found[0].value)
    each = _EACH.search(folded)
    if each is not None and _TOGETHER.search(folded, 0, each.start()):
        found = _written(folded[each.end() :])
        if found:
            raise SeveralAmounts(text, found[0].value)


def about_several(text: str) -> bool:
    """The line is about several members with no tag to split it ("Lan 90 Hoa 100 Mai
    vắng", "s1+s2 vợ chồng: chồng 150, vợ 120", "A Kim với Y Gioan, mỗi người 100")."""
    try:
        _several_members(text, _folded(text).strip())
    except SeveralAmounts:
        return True
    return False


def _first_paid(parts: list[str]) -> int:
    """The first amount of the first member's part that paid any, 0 when none did."""
    return next((x for x in map(first_amount, parts) if x), 0)


def _written(segment: str) -> list[Amount]:
    """The amounts in a piece of a line, bare figures (thousands) among them, in order: "120,
    tau gộp lại 240" is 120 first."""
    found = read_amounts(segment)
    bare = [Amount(int(m.group(1)) * 1_000, m.start(1), True) for m in _BARE_IN.finditer(segment)]
    taken = {a.start for a in found}
    return sorted(found + [a for a in bare if a.start not in taken], key=lambda a: a.start)


# A notebook or spreadsheet row pasted: cells apart by "|", " - ", "...", "…" or a tab; the
# member's number ("STT 3", "12.") and the name (or either), then the interest and the
# savings in thousands or as amounts, then a mark or not ("đủ", "ký").
_CELL_APART = re.compile(r"\s*(?:\||\t|\.{2,}|…|(?:^|\s)[-–—](?:\s|$))\s*")
_CELL_NUMBER = re.compile(rf"{member_parts.TAGS}?\s*\d{{1,3}}[.)]?")
_CELL_NUMBER_NAME = re.compile(r"\d{1,3}[.)]\s+(?P<name>\D+)")
_CELL_NAME = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+){0,4}|·[·\s]*")
_CELL_MARKS = {"du", "ky", "da ky", "ok", "x", "v", "roi", "xong", "nop du", "dong du", "da nop"}
# A cell with its column's name: "L: 125", "TK: -", "lãi 120", "G: (chưa)".
_CELL_FIELD = re.compile(
    r"(?P<field>tien lai|lai|tien gui|gui|tiet kiem|tk|l|g|t)(?![a-z])\s*[:=]?\s*(?P<rest>.*)"
)
# What an empty cell holds: nothing paid into that column.
_CELL_EMPTY = {"", "-", "chua", "khong", "ko", "k", "x", "0", "vang", "nghi", "khat"}


def _columns(text: str) -> tuple[Answer, int] | None:
    """A notebook or spreadsheet row ("STT 3 - Lan - 120 - 20", "5 | Nguyễn Thị Mơ | 150 |
    30 | ký", "12. Đặng Văn Quân ... 130 ... 20", "STT 6 - Tư - 95 - 0"): the interest and
    the savings, read with doubt; None for any other line."""
    folded = fold_for_numbers(text).strip()
    if not _CELL_APART.search(folded):
        return None
    # "- 120 - 20": what follows the number and the name the tally took off the row
    taken_off = _CELL_APART.match(folded) is not None
    cells = [c.strip(" .,:") for c in _CELL_APART.split(folded)]
    cells = [c for c in cells if c]
    if cells and cells[-1] in _CELL_MARKS:
        cells = cells[:-1]
    head = 0
    if taken_off:  # the number taken off ("- Lan - 120 - 20"), the name too or not
        head = int(bool(cells) and _CELL_NAME.fullmatch(cells[0]) is not None)
    elif cells and _CELL_NUMBER_NAME.fullmatch(cells[0]):
        head = 1  # "12. dang van quan"
    else:
        if cells and _CELL_NUMBER.fullmatch(cells[0]):
            head += 1
        if (
            len(cells) > head
            and _CELL_NAME.fullmatch(cells[head])
            and cells[head] not in _STATE_CELLS
        ):
            head += 1
    figures = cells[head:]
    note = ""
    if len(figures) == 3 and _CELL_FIELD.fullmatch(figures[1]) and not _has_amount(figures[2]):
        note = figures.pop()  # "L: (chưa) - TK: (chưa) - hẹn 20/12": a note after the row
    if not (head or taken_off) or not 1 <= len(figures) <= 2 or len(cells) + taken_off < 3:
        return None
    money: list[int] = []
    labelled = [_CELL_FIELD.fullmatch(cell) for cell in figures]
    if all(cell in _CELL_EMPTY and cell not in ("", "-", "0") for cell in figures):
        return _nothing_paid(fold_for_numbers(note)), 0  # "18. Vũ Văn Chung … chưa … chưa"
    if any(labelled):  # "L: 125 - TK: -": each cell's figure after its column's name
        figures = [
            m.group("rest").strip(" ()") if m else cell
            for m, cell in zip(labelled, figures, strict=True)
        ]
        if all(cell in _CELL_EMPTY for cell in figures):
            return _nothing_paid(fold_for_numbers(note)), 0
        figures = ["0" if cell in _CELL_EMPTY else cell for cell in figures]
    for cell in figures:
        if cell == "0" and money:
            money.append(0)
            continue
        if _BARE.fullmatch(cell):
            money.append(int(cell) * 1_000)
            continue
        found = read_amounts(cell)
        if len(found) != 1:
            return None
        money.append(found[0].value)
    interest, *savings = money
    if not interest:
        return None
    answer = Answer(
        interest=interest,
        savings=savings[0] if savings else None,
        doubtful=True,
        doubtful_fields=("interest", "savings") if savings else ("interest",),
        unnamed=not savings,
    )
    return answer, interest


_STATE_CELLS = {"vang", "chua", "nghi", "khat", "du"}


def _figures(text: str) -> tuple[Answer, int] | None:
    """A line of bare figures in thousands, as a hurried leader types them: the member's
    number (or name) first or not, the interest, the savings, their sum or not ("3 150 50",
    "#8 250 50", "s10 140/20", "9: 175-25", "160 40 tổng 200", "12 180", "Lan 120").
    Two plain figures are the member's number and the interest when the first is the smaller
    ("12 180"), else the interest and the savings ("200 30"). Read with doubt, always."""
    words = text.split()
    head = 0
    numbered = len(words) > 2 and _ROW_NUMBER.fullmatch(words[0]) and words[1][0].isupper()
    if numbered:  # "25) Đinh Thị Thơm 110/50": the row's number, then the name
        words = words[1:]
    while head < len(words) and head < 3 and words[head][0].isupper() and words[head].isalpha():
        head += 1  # a capitalised name before the figures: "Lan 120"
    if numbered and not head:
        return None
    said = _CLOSING.sub("", fold_for_numbers(" ".join(words[head:])).strip())
    fix = _FIX_AFTER.search(said)
    if fix:  # "24 165 35, lộn 24 là 156": the figure set right after the line
        said = said[: fix.start()]
    m = _FIGURES.fullmatch(said)
    if m is None or read_amounts(said):
        return None  # "1 250 000" is grouped thousands, read as such
    member = int(m.group("member")) if m.group("member") else None
    money = [int(x) for x in m.group("a", "b") if x is not None]
    if member is not None and (head or (m.group("colon") is None and len(money) == 1)):
        if head or member > money[0]:  # "Lan 120 20", "200 30": the interest and the savings
            money = [member, *money]
    elif (
        member is None
        and len(money) == 1
        and not (head or m.group("tag") or m.group("total") or m.group("tag_after"))
    ):
        return None  # "200" alone is read as before; "12" alone is a member's number
    interest, *savings = money
    if interest < 10 or len(money) > 2:
        return None
    first = interest * 1_000
    if fix:
        who = int(fix.group("who")) if fix.group("who") else None
        right = int(fix.group("right"))
        if savings and who == savings[0] and who != interest:  # "…, lộn 35 là 53"
            savings = [right]
        elif who in (None, member, interest):
            interest = right
        else:
            return None
    answer = Answer(
        interest=interest * 1_000,
        savings=savings[0] * 1_000 if savings else None,
        doubtful=True,
        doubtful_fields=("interest", "savings") if savings else ("interest",),
        unnamed=not savings,
    )
    return answer, first


# Words that close a figure-only line and say nothing more: "18 190 10 ok", "3 150 50 nha",
# a notebook's mark "ký".
_CLOSING = re.compile(
    r"\s*[,.]?\s*\b(?:ok|oke|okie|oki|nha|nhe|nhen|a|roi|xong|nghen|ky|da ky)\s*[.!]*$"
)
# A row's number in a pasted list: "25)", "7."
_ROW_NUMBER = re.compile(r"\d{1,3}[.)]")
# A figure-only line set right after: "24 165 35, lộn 24 là 156", "12 180, nhầm, là 108" (the
# member's number or the wrong figure named or not); the first written is still the first.
_FIX_AFTER = re.compile(
    r"\s*[,.;]?\s*\b(?:lon|nham|sai|ghi lon|ghi nham|ghi sai|xin loi)(?:\s+(?:roi|chut))?"
    r"\s*[,.:]?\s*(?:(?:so\s+)?(?P<who>\d{1,3})\s+)?(?:la|thanh|phai la|dung la)\s+"
    r"(?P<right>\d{1,3})\s*[.!]*$"
)


def _says_nothing_now(text: str, folded: str) -> bool:
    """A line with no amount that says not yet, put off, waiting to sell, refused or away
    ("đi biển chưa về", "xin gia hạn", "chờ bán cà phê", "nỏ chịu đóng", "11 chưa"); a
    question about the member ("bà Lan hẹn hôm nào?") is none of these."""
    return (
        "?" not in text
        and not _ASKS_WHEN.search(folded)
        and _NOTHING_NOW.search(folded) is not None
    )


# The words that set aside the amount just said, in words or figures: "à không", "á lộn",
# "ý lộn", "ờ nhầm".
# A slip owned up to between a field's amount and the same field said again.
_SLIP = re.compile(r"\b(?:khong|nham|lon|sai|sua lai|sorry)\b")
_SETS_ASIDE = re.compile(
    r"\s*,?\s*\b(?:a|o|u|uh|ui|ay|y|i)\s*,?\s*(?:khong|nham|lon|sai|quen)(?:\s+(?:phai|roi))?\b"
    r"\s*[,.:]?\s*(?:(?:dung|phai)\s+)?(?:la\s+)?(?=\S)"
)
# The unit after the figure that sets a bare one right: the bare one's unit too.
_UNIT_AFTER = re.compile(r"[1-9][\d.,]*\s*(k|nghin|ngan|ngin|trieu|tr|van)\b")


def _wrong_then_right(folded: str) -> tuple[int, Amount] | None:
    """The figure written first and the one the member paid, when the line sets the first
    aside ("không phải 90 mà là 95 nghìn", "160 à không 150")."""
    wrong = _WRONG_FIRST.search(folded)
    wavered = _WAVERED.match(folded) if not wrong else None
    if wavered:  # "85, à 58... không, 85 đúng rồi": the first, then the one kept
        first, end = _amounts(wavered.group("first")), wavered.end()
    elif wrong:
        first, end = [Amount(int(wrong.group(1)) * 1_000, 0, True)], wrong.end()
    elif again := _SAID_AGAIN.match(folded):
        wrong_said, end = again.group("wrong"), again.end()
        unit = _UNIT_AFTER.match(folded, end)
        if unit and wrong_said[-1].isdigit():  # "170 à không 175 nghìn": 170 nghìn
            wrong_said += " " + unit.group(1)
        first = _amounts(wrong_said)
    elif aside := _SETS_ASIDE.search(folded):  # "trăm năm chục, à không, trăm sáu chục"
        first, end = _amounts(folded[: aside.start()]), aside.end()
        if len(first) != 1:
            return None
    else:
        return None
    right = _amounts(folded[end:])
    return (first[0].value, right[0]) if first and right else None


def _paid_before(said: str) -> bool:
    """An amount is said before the words that put the rest off ("đóng 100k, còn lại để tháng
    sau", "đóng trước 40, để tháng sau đóng tiếp")."""
    return bool(read_amounts(said)) or _PAID_BARE.search(said) is not None


def _named_as_paid(folded: str, field: str, only: bool) -> bool:
    """The field is said to be paid with no amount: "chỉ gửi tiết kiệm" or "gửi đủ"."""
    words = "|".join(word for word, named in _FIELD_WORDS.items() if named == field)
    if only:
        return re.search(rf"\b(?:{words})\b", folded) is not None
    return re.search(rf"\b(?:{words})\s+du\b|\bdu\s+(?:{words})\b", folded) is not None


def parse_answer(text: str, member_named: bool = False) -> Answer:
    """ "lãi 200k, gửi 100k", "vắng", "0", "đủ", "lai 150 nghin", "gui 50k tra goc 1tr",
    "ko gửi" (savings 0), "lãi 1 trăm 2" (120.000, doubtful). `member_named`: the text is
    what follows the member's number or name, so a bare number opening it is no member's
    number but the interest ("165 gửi 2 trăm").

    Raises NotUnderstood, or its OverCap when an amount was read but is over the cap."""
    return _read(text, member_named)[0]


_PAYMENT_WORDS = re.compile(r"\b(?:lai|tien lai|gui|tien gui|tiet kiem|tk|tra goc|dong|nop)\b")
_ASKING = re.compile(r"\?|\b(?:bao nhieu|bn|may|khi nao|chua|con)\s*$|\bbao nhieu\b")


def asks(text: str) -> bool:
    """The text asks something ("còn nợ bn", "lãi bao nhiêu?") rather than saying a payment."""
    return _ASKING.search(_folded(text)) is not None


# Never a payment line, whatever amounts or "không" it has: "chị Linh có quá hạn không", "số 8
# có bị quá hạn ko", "tình hình chị Út sao rồi", "sdt chú Sáu", "lãi bao nhiêu?"
_NEVER_A_PAYMENT = re.compile(
    r"\?|\b(?:qua han|bao nhieu|sao roi|the nao|tinh hinh|sdt|so dien thoai|dien thoai)\b"
)
# "có … không" closing the line: "(chị Linh) có quá hạn không", "có đóng ko"
_HAS_OR_NOT = re.compile(r"^co\b.*\b(?:khong|ko|k|hong|hok|hem)\s*[.!]*$")


def questions(text: str, said: str = "") -> bool:
    """The text (or `said`, what follows the member's name) asks about a member rather than
    saying what they paid; the tally leaves it to be answered as outside it."""
    if _NEVER_A_PAYMENT.search(_folded(text)):
        return True
    return bool(said) and _HAS_OR_NOT.match(_folded(said)) is not None


def reads_as_payment(text: str) -> bool:
    """Whether the text says what a member paid ("lãi 100k gửi 50k", "chỉ đóng tiết kiệm 100
    nghìn thôi") rather than asking something ("lãi tháng này bao nhiêu")."""
    folded = _folded(text)
    if _ASKING.search(folded) or not _PAYMENT_WORDS.search(folded):
        return False
    try:
        answer = parse_answer(text)
    except NotUnderstood:
        return False
    amounts = (answer.interest, answer.savings, answer.principal_from_savings)
    return any(x is not None for x in amounts) or bool(answer.as_due)


def says_no(text: str) -> bool:
    """A bare no ("dạ không có", "hổng có", "tháng này ko"): nothing paid, as the answer to
    what a member paid; under an amount echoed back, the no to that echo."""
    folded = _folded(text).strip()
    return folded in _NOT_ALONE or _BARE_NO.fullmatch(folded) is not None


_TOTAL_LEAD = re.compile(r"^\s*tong(?:\s+cong)?\s+([1-9]\d{0,2})\s*[:,]")


def first_amount(text: str) -> int | None:
    """The first amount the leader typed, 0 when they said the member paid nothing; None when
    the answer is not understood or names no amount ("đủ"). A line about several members by
    their tags ("s8 l120 tk 30, s9 l95 tk20, s10 vắng") is read as the tally reads it, each
    member's part alone: the first amount written is the first member's that paid any, 0
    when none paid."""
    text = _without_row_ref(text)
    folded = fold_for_numbers(text)
    lead = _TOTAL_LEAD.match(folded)  # "tổng 320: số 1 là 160, số 2 là 160": the total first
    if lead is not None and member_parts.tagged(folded[lead.end() :]) is not None:
        return int(lead.group(1)) * 1_000
    parts = member_parts.tagged(folded)
    if parts is not None:
        amounts = [first_amount(said) for _n, said in parts]
        return next((x for x in amounts if x), 0 if 0 in amounts else None)
    try:
        return _read(text)[1]
    except SeveralAmounts as several:  # a list of members: the first amount is still the first
        return several.first
    except NotUnderstood:
        return None


@dataclass(frozen=True)
class TypedTotals:
    """Group totals the leader typed in one message ("thu lãi 4tr25, tiết kiệm 1tr8")."""

    interest: int | None
    savings: int | None


_MEMBER_TAG = re.compile(
    rf"(?:^|\s){member_parts.TAGS}\s*\d{{1,3}}\b(?![.,]\d|\s*(?:k|nghin|ngan|tr)\b)"
)


def parse_totals(text: str) -> TypedTotals | None:
    """Group totals, when the message is about the whole group's collection (never a line
    naming a member: "tổng 330 số 40: lãi 300 tk 30" is member 40's)."""
    folded = fold_for_numbers(text)
    if not re.search(r"\b(tong|ca to|thu lai|thu duoc|tong cong|total|totals)\b", folded):
        return None
    if _MEMBER_TAG.search(folded):
        return None
    if _figures(text) is not None:  # "160 40 tổng 200": one member's figures and their sum
        return None
    try:
        answer = parse_answer(text)
    except NotUnderstood:
        return None
    if answer.interest is None and answer.savings is None:
        return None
    return TypedTotals(answer.interest, answer.savings)
