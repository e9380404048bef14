"""Figure extraction: find the numbers a line of report text states, with their units.

Handles Arabic and full-width digits, thousands separators, Chinese numerals (through
cn2an, for counts such as 十三个街道), compound units (元/平方米/月), price units whose
text was damaged in publishing (``20/.平方米``), ranges, bounds (≥ 以上) and approximate
markers (约 余 多 左右). Dates, document numbers (〔2021〕6号), ordinals (第三层) and
grades (C25) are not figures. The result is plain `jixiao.domain.audit.facts.Figure`s, so
the detectors never see a third-party type.

Extraction never raises on damaged text: whatever cannot be read as a figure is skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from decimal import Decimal

import cn2an

from jixiao.domain.audit.facts import APPROX, BOUND, EXACT, RANGE, AuditLine, Figure
from jixiao.domain.money import D, NumberFormatError

__all__ = ["extract_figures", "extract_line", "normalise"]

# One-to-one character normalisation (offsets stay valid): full-width digits, point,
# percent and slash. The full-width comma stays: in Chinese text it separates clauses.
# Traditional characters of the genre's vocabulary become simplified ones: reports are
# reposted in traditional script (108, 122, 134, 135, 152, 179 of round 3: 萬元, 預算執行率,
# 其中…補助資金), and every unit, label and marker the detectors read is written simplified.
# Only characters that are never simplified ones are mapped, one for one.
_TRADITIONAL = (
    "萬億餘約與計總實際預執額資經費補撥達戶個項為爲別號數務業單據況產發開關門間對會來"
    "時東們進這過還運場專區縣鄉鎮廳廠農協衛醫療學點標評價績結轉統籌劃設備購買賣質檢驗"
    "測監環護養維員級職責調減長較當歲種類條處團機構車輛臺張筆冊棟頭隻畝噸裡裏報說問題"
    "應須響滿蓋傳網電話線辦續貼獎勵勞動擔險災溫墻牆鋼損於佔併並圍內獨參綜隊規導擴現將"
    "積極強難組織節盡決財稅採帳賬憑證審歸檔權債貸試劑贈樓層樣雙錢銀歷頁兒貧體糧倉儲鐵"
    "橋燈飲興灣濟漁獸態衝擊華蘭圖廟臨腦兩幾麼後邊講論議記錄託紀傷殘佈屬顯變異稱確認識"
    "書寫讀習練訓師軍園廣遠輸郵氣熱絡訊視頻聽覺親愛錯誤帶階廢棄淨汙廁無僅鬥揮讓負簡緊"
    "優勢戰順銷貨壞舊裝繕綠樹濕獲準製範彙匯慮紮厲歡鮮藥聯斷繼義離館藝術劇傑創夠壓靈韓"
    "嚴麗樂築礎鑒鑑剛陽陰陸隨隱雜雲靜韻頂領顧風飛馬駐髮鬆魚鳥鹽麥黃齊齡龍邁鄰釋錦鍵閉"
    "閑閱闊麵殺殼畢盤禮禍穩窮競簽籃糾紅納純紙細終絕給絲綱緒編緩縮繫纖罰羅聲聖腳臉舉艱"
    "蘇蟲襲觀訂討訪許診詳誠課談請諸謝譯豐貝貢貫貴賠趕趨軟載輔輕連週遊遷選遺鄭針鈴鋪鐘"
    "鎖陣陳飯驅齒沖傢劉檯歐蔣韋閩魯遼滬瀋贛粵瓊晉隴寧釐盃纔捨闆衆眾齣麪儘啟啓營撫辭奮"
    "豬雞鴨鵝羣頃壩礦溝漲濱瀏灘瀘濰鄖綫衹峽壇墾墊壯夢夾奪婦孫寶寬屆岡崗嶺幣庫廂彈從復"
    "懷懸戲擁擇擬攜攤敵暫曆棲楊榮槓樁橫櫃沒涼淚淺渦湯滅滯滲滾漢潔潛澤濁濃瀉烏煉煙爭牽"
    "犧狀畫疊癒盜盧睏礙祕禦窯竊糰縱繩罷聰肅脅膽艦莊萊葉蔔薦薩藍蘆虛蝦蠶襪見覽訴詞詩該"
    "誘語誰諮謀謹譜貿賀賓賦賴贊趙跡踐躍軌輪輯轄辯迴遞適邏釣鈔鉛銳鋁鍋鏈鑰閃閘閣閥闖闡"
    "雖霧韌頒頓頗頸顆顏顛颱飼餅騎騰驚鬧鳳鴻鶴黨龜",
    "",
)
_SIMPLIFIED = (
    "万亿余约与计总实际预执额资经费补拨达户个项为为别号数务业单据况产发开关门间对会来"
    "时东们进这过还运场专区县乡镇厅厂农协卫医疗学点标评价绩结转统筹划设备购买卖质检验"
    "测监环护养维员级职责调减长较当岁种类条处团机构车辆台张笔册栋头只亩吨里里报说问题"
    "应须响满盖传网电话线办续贴奖励劳动担险灾温墙墙钢损于占并并围内独参综队规导扩现将"
    "积极强难组织节尽决财税采账账凭证审归档权债贷试剂赠楼层样双钱银历页儿贫体粮仓储铁"
    "桥灯饮兴湾济渔兽态冲击华兰图庙临脑两几么后边讲论议记录托纪伤残布属显变异称确认识"
    "书写读习练训师军园广远输邮气热络讯视频听觉亲爱错误带阶废弃净污厕无仅斗挥让负简紧"
    "优势战顺销货坏旧装缮绿树湿获准制范汇汇虑扎厉欢鲜药联断继义离馆艺术剧杰创够压灵韩"
    "严丽乐筑础鉴鉴刚阳阴陆随隐杂云静韵顶领顾风飞马驻发松鱼鸟盐麦黄齐龄龙迈邻释锦键闭"
    "闲阅阔面杀壳毕盘礼祸稳穷竞签篮纠红纳纯纸细终绝给丝纲绪编缓缩系纤罚罗声圣脚脸举艰"
    "苏虫袭观订讨访许诊详诚课谈请诸谢译丰贝贡贯贵赔赶趋软载辅轻连周游迁选遗郑针铃铺钟"
    "锁阵陈饭驱齿冲家刘台欧蒋韦闽鲁辽沪沈赣粤琼晋陇宁厘杯才舍板众众出面尽启启营抚辞奋"
    "猪鸡鸭鹅群顷坝矿沟涨滨浏滩泸潍郧线只峡坛垦垫壮梦夹夺妇孙宝宽届冈岗岭币库厢弹从复"
    "怀悬戏拥择拟携摊敌暂历栖杨荣杠桩横柜没凉泪浅涡汤灭滞渗滚汉洁潜泽浊浓泻乌炼烟争牵"
    "牺状画叠愈盗卢困碍秘御窑窃团纵绳罢聪肃胁胆舰庄莱叶卜荐萨蓝芦虚虾蚕袜见览诉词诗该"
    "诱语谁咨谋谨谱贸贺宾赋赖赞赵迹践跃轨轮辑辖辩回递适逻钓钞铅锐铝锅链钥闪闸阁阀闯阐"
    "虽雾韧颁顿颇颈颗颜颠台饲饼骑腾惊闹凤鸿鹤党龟",
    "",
)
# (the small forms of = < > — ﹦﹤﹥, U+FE66/FE64/FE65, what NFKC makes =<> — print a row's
# comparison in some converted copies: the Yunnan form's 指标性质 cells of dev 455)
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％／﹦﹤﹥" + "".join(_TRADITIONAL),
                           "0123456789.%/=<>" + "".join(_SIMPLIFIED))

# Canonical spelling of units, longest alternatives first in the pattern below.
_AREA = {"平方米": "平方米", "平米": "平方米", "㎡": "平方米", "m²": "平方米", "m2": "平方米",
         "M2": "平方米", "平方公里": "平方公里", "公顷": "公顷", "亩": "亩",
         # hm² (公顷) of soil-and-water and forestry projects; extracted text often loses the
         # ² (round 3, 162: 治理水土流失面积1429.39hm，其中坡改梯25.26hm…)
         "hm²": "公顷", "hm2": "公顷", "hm": "公顷"}
_LENGTH = {"公里": "公里", "千米": "千米", "km": "公里", "厘米": "厘米", "cm": "厘米",
           "米": "米", "m": "米"}
_MONEY = {"元": "元", "千元": "千元"}
_COUNT = ("人次", "户次", "个百分点", "个月", "工作日", "小时", "个", "件", "次", "人", "户",
          "家", "项", "所", "栋", "幢", "间", "台", "辆", "名", "座", "处", "条", "场", "批",
          "份", "套", "张", "本", "册", "篇", "部", "位", "头", "只", "株", "棵", "宗", "笔",
          "种", "类", "吨", "公斤", "千克", "天", "周", "年", "分", "%", "‰")
_UNIT_MAP: dict[str, str] = {**_AREA, **_LENGTH, **_MONEY, **{u: u for u in _COUNT}}
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in _UNIT_MAP), key=len, reverse=True))
_QTY_ALT = "平方米|平米|㎡|m²|m2|人次|人|户|亩|吨|台|辆|个|次|件|间|套"
_PERIOD_ALT = "月|年|天|日"

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# PDF text broken after a decimal point: "预算35. 3万元" (round 3, 136); read as one number only
# when a money or percent unit follows the digits, so "1. 2022年…" stays an ordinal and a year
_SPACED_POINT = r"(?:\.\d+|\. (?=\d+(?:万|亿|元|%)))"
# The number with its first digit in front (\d{1,3}… | \d+ as \d(?:\d{0,2}… | \d*), same order
# of trial): a pattern opening with a character class lets the regex engine skip straight to
# the next digit instead of trying the whole pattern at every position of a line. What may not
# come before a figure is therefore not a look-behind in the pattern but `_GLUED_BEFORE`,
# tested by `_found` (the figure audit reads every character of a report here; this halves
# the scan).
_NUMBER_AT_DIGIT = r"\d(?:\d{0,2}(?:,\d{3})+|\d*)" + rf"(?:{_SPACED_POINT}\d*)?"
_GLUED_BEFORE = re.compile(r"[A-Za-z\d.,]")
_GLUED_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,")  # (and \d)
_FIGURE = re.compile(
    rf"(?P<num>{_NUMBER_AT_DIGIT})"
    r"(?P<more>余|多)?"
    r"(?P<mag>万|亿)?"
    rf"(?:(?P<price>元)?(?:/|每)(?P<damage>[.。·˙]?)(?P<qty>{_QTY_ALT})"
    rf"(?:(?:/|·|˙|•|・|\.|每)?(?P<per>{_PERIOD_ALT}))?"
    rf"|(?P<unit>{_UNIT_ALT}))?"
)
# (a percent sign too, "执行率 90 %的", but not when another blank follows: "═ 100 % 100" is
# 指标值 | 度量单位 | 实际完成值 of the Yunnan form's PDF, tests/documents/test_layouts.py)
_SPACED_MONEY = re.compile(r" (万元|亿元|元|%(?! )|‰(?! ))(?![/每\d])")
# PDF text spaces counts from their number too ("培训 30 人，"); not when another blank follows (a
# table printed with blanks: "≥ 200 人 150" is 指标值 | 度量单位 | 实际完成值, the Yunnan form), nor
# with a word going on ("30 人参加" may be 人参; 年/月/日 never: dates)
_SPACED_UNIT = re.compile(r" (平方米|人次|户次|人|户|个|件|项|家|所|台|套|辆|亩|吨|公里)"
                          r"(?=[，,。；;、:：)）]|$)")
# A unit letter directly after the number makes it part of a code (C25, 3G), not a figure.
_LETTER_AFTER = re.compile(r"[A-Za-z]")
# What may not follow a unit for the unit to count (分别, 分摊, 个人, 年度 …).
_BAD_AFTER = {
    "分": "别摊配析为期钟之类局支布解散项值管享担",
    "年": "度级初底末前后来内中份",
    "人": "民员大事才社力口均",
    "个": "人体性别",
    "次": "性要序",
    "米": "粮",
    "m": "abcdefghijklnopqrstuvwxyz",
    "hm": "abcdefghijklmnopqrstuvwxyz",
    "天": "然津",
    "件": "事",
}
# Words before a figure: an approximate one (约 近 逾 …) or a bound (≥ 不低于 …). Tested with
# str.endswith on the few characters before the figure — the same test as the regexes
# `(约|…)$` and `(≥|…)\s*$` were, without scanning each position.
_APPROX_WORDS = ("约", "大约", "约为", "约计", "近", "将近", "接近", "逾", "超过", "不足", "不到", "近乎")
_BOUND_WORDS = ("≥", "≤", ">", "<", "≧", "≦", "不低于", "不少于", "不超过", "不高于", "不大于", "不小于",
                "大于", "小于", "高于", "低于")
_BOUND_LAST = "≥≤><≧≦于过"  # the words' last characters ("" is in it too: tried)
_APPROX_AFTER = re.compile(r"^(余|多|左右|上下|许|以上|以下|以内|及以上|及以下)")
_RANGE_AFTER = re.compile(rf"^\s*(?:-|~|～|—|–|至|到)\s*{_NUMBER}")
_DAMAGED_UNIT = re.compile(r"[A-Za-z0-9]{0,4}")
_DAMAGED_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
# The characters `_RANGE_AFTER` (after spaces) and `_APPROX_AFTER` can start with: a figure
# followed by anything else needs neither regex. ("" is in every str: no text after, tried.)
_RANGE_FIRST = "-~～—–至到"
_APPROX_FIRST = "余多左上许以及"
# The last characters of the words before a qualified figure and the first ones after it
# (derived from the words, so they cannot drift apart; "" — no character — is in neither).
_QUALIFIER_LAST = frozenset(w[-1] for w in (*_APPROX_WORDS, *_BOUND_WORDS)) | frozenset(_BOUND_LAST)
_QUALIFIER_FIRST = frozenset(_RANGE_FIRST + _APPROX_FIRST)
_DASH_DIGIT = re.compile(r"-\d")
_PER_HEAD = re.compile(r"/(人|户|个|间|套|床|辆|台)")
_DATE = re.compile(r"^(年|月|日|号|层|楼|级|期|届|批次|版|座谈)")
# What `_is_identifier` can find right after a number: a closing bracket, the first
# character of a `_DATE` word, or the dash of 2023-04-27.
_ID_AFTER = frozenset("〕]﹞)）年月日号层楼级期届批版座-")

# Words naming money: a bare 万 after one of them is 万元 (资金150万, 预算300万).
_MONEY_LABEL = re.compile(r"(?:资金|经费|预算|拨款|拨付|金额|投资|支出|执行数|支付|费用|补助|奖补|收入|"
                          r"租金|合同价|造价|配套|自筹|奖励|价款|[^\d]费)[^，。；,;\d]{0,6}$")

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
# (as `_FIGURE`: the pattern opens with its character class; `_CN_GLUED_BEFORE` is tested by `_found`)
_CN_GLUED_BEFORE = re.compile(rf"[第{_CN_DIGITS}万亿]")
_CN_UNITS = ("个", "项", "家", "所", "户", "名", "人", "件", "次", "间", "座", "处", "条", "类", "种", "批",
             "栋", "台", "辆", "万元", "元")
# (`[…][…]*`, not `[…]+`: a pattern opening with a character class lets the engine skip to the
# candidates; one opening with a repeat is tried at every position of the line)
_CN_FIGURE = re.compile(
    rf"(?P<num>[{_CN_DIGITS}][{_CN_DIGITS}]*(?:[万亿][{_CN_DIGITS}]+)?)"
    rf"(?P<unit>{'|'.join(_CN_UNITS)})"
    r"(?!性|级|是|体|别|人|次性)"
)
# What every `_CN_FIGURE` match opens with: a numeral followed by a numeral, 万/亿 or a unit's
# first character. Chinese prose is full of numerals (一是, 进一步, 十分); a line where none is
# followed by one of these needs no search of the full pattern.
_CN_START = re.compile(rf"[{_CN_DIGITS}][{_CN_DIGITS}万亿{''.join(sorted({u[0] for u in _CN_UNITS}))}]")


# Any character `_FULLWIDTH` maps (derived from it, so the two cannot drift apart).
_FULLWIDTH_ANY = re.compile("[" + "".join(re.escape(chr(c)) for c in _FULLWIDTH) + "]")
# A character every figure starts with: a digit (`_FIGURE`) or a Chinese numeral (`_CN_FIGURE`).
_FIGURE_CHAR = re.compile(rf"[\d{_CN_DIGITS}]")


def normalise(text: str) -> str:
    """Full-width digits and signs to ASCII, one character for one (offsets unchanged)."""
    # str.translate with a table walks a CJK line character by character in Python's slow
    # path; most lines have no full-width digit at all
    return text.translate(_FULLWIDTH) if _FULLWIDTH_ANY.search(text) else text


def _found(pattern: re.Pattern[str], glued: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches `finditer` gives for ``(?<!glued)pattern``: a match right after a `glued`
    character is dropped and the scan goes on from the next position, as the look-behind
    would make it. (`pattern` never matches the empty string: every figure has a digit.)"""
    search = pattern.search
    pos = 0
    while (m := search(text, pos)) is not None:
        start = m.start()
        if start and glued.match(text, start - 1):
            pos = start + 1
            continue
        yield m
        pos = m.end()


def _qualifier(text: str, start: int, end: int, magnitude: bool) -> tuple[str, int]:
    """The qualifier of the figure text[start:end] and where the figure really ends."""
    if not magnitude:
        # (most figures: neither the last character of a qualifying word before them nor the
        # first of one after them — then every test below fails)
        last = text[start - 1] if start else ""
        head = text[end:end + 1]
        if last not in _QUALIFIER_LAST and head not in _QUALIFIER_FIRST \
                and not last.isspace() and not head.isspace():
            return EXACT, end
    before = text[start - 4 if start > 4 else 0:start]
    after = text[end:end + 8]
    last = before[-1:]
    if (last in _BOUND_LAST or last.isspace()) and before.rstrip().endswith(_BOUND_WORDS):
        return BOUND, end
    head = after[:1]
    if (head in _RANGE_FIRST or head.isspace()) and _RANGE_AFTER.match(after):
        return RANGE, end
    if before.endswith(_APPROX_WORDS) or (before.endswith("\n")
                                          and before[:-1].endswith(_APPROX_WORDS)):
        return APPROX, end
    if not magnitude and head not in _APPROX_FIRST:
        return EXACT, end  # (most figures: nothing after them that could qualify them)
    # A damaged unit (OCR letters after 万) may sit between the number and 以上/左右.
    skip = _DAMAGED_UNIT.match(after) if magnitude else None
    offset = skip.end() if skip else 0
    m = _APPROX_AFTER.match(after[offset:])
    if m:
        return (BOUND if "以" in m.group(1) else APPROX), end + offset + m.end()
    if offset and magnitude:
        return EXACT, end + offset
    return EXACT, end


def _is_identifier(text: str, start: int, end: int, num: str) -> bool:
    """Dates, years, document numbers, ordinals and phone numbers are not figures."""
    if text[end:end + 1] not in _ID_AFTER and (not start or text[start - 1] != "第"):
        return False  # (most figures: no 第 before, nothing after that the tests below need)
    before = text[max(0, start - 1):start]
    if before in ("第", "〔", "[", "﹝", "(", "（") and text[end:end + 1] in ("〕", "]", "﹞", ")", "）"):
        return True
    if before == "第":
        return True
    if _DATE.match(text[end:end + 2]):
        return not text[end:end + 2].startswith("年") or (len(num) == 4 and num[:2] in ("19", "20"))
    # 2023-04-27, 0838-7211924
    return bool(_DASH_DIGIT.match(text, end, end + 2) and (len(num) == 4 or num.startswith("0")))


def extract_figures(text: str, normalised: bool = False,
                    numbers: dict[str, Decimal] | None = None) -> tuple[Figure, ...]:
    """All figures stated in one line of text, in order of appearance.

    `numbers`: the values already parsed, by the number as printed — one document's lines
    share it (`extract_line`), so a number printed again (a year, 100, a total restated) is
    parsed by `D` once; a `Decimal` is immutable, so the figures may share it.
    """
    if not normalised:
        text = normalise(text)
    if not _FIGURE_CHAR.search(text):
        return ()  # no digit and no Chinese numeral: nothing to find (most table cells)
    out: list[Figure] = []
    # (`_found` written out: this loop runs for every number of a report; `_GLUED_BEFORE` as a
    # test of the one character before — its \d is str.isdecimal, Unicode's Nd)
    search = _FIGURE.search
    pos = 0
    while (m := search(text, pos)) is not None:
        start, end = m.span()
        last = text[start - 1] if start else ""  # (also for the tests below)
        if last and (last in _GLUED_CHARS or last.isdecimal()):
            pos = start + 1
            continue
        pos = end
        num, more, mag, _, _, qty, _, unit_text = m.groups()
        if unit_text is None and qty is None and mag is None and _LETTER_AFTER.match(text, end):
            continue
        num_end = start + len(num)
        # (`_is_identifier` needs 第 before or one of `_ID_AFTER` after: most figures have neither)
        if (text[num_end:num_end + 1] in _ID_AFTER or last == "第") \
                and _is_identifier(text, start, num_end, num):
            continue
        value = numbers.get(num) if numbers is not None else None
        if value is None:
            try:
                value = D(num.replace(" ", "") if " " in num else num)
            except NumberFormatError:  # the one amount parser refuses it (beyond 10¹⁵, say)
                continue
            if numbers is not None:
                numbers[num] = value
        unit: str | None
        if qty is None and unit_text is not None and unit_text not in _BAD_AFTER:
            # (what `_unit` gives for a plain unit, the most common case, without the call)
            unit = _UNIT_MAP.get(unit_text, unit_text)
            if mag and unit != "千元":
                unit = mag + unit
        else:
            unit = _unit(m, text, mag, qty, unit_text)
        if unit is None:  # the unit letters ran into a word: keep the bare number
            end = m.end("mag") if mag else (m.end("more") if more else m.end("num"))
            unit = mag or ""
        if not unit and text.startswith(" ", end):  # PDF text may space a number from its
            spaced = _SPACED_MONEY.match(text, end) or (  # unit: 2595.6208 万元, 90 %, 30 人
                None if more else _SPACED_UNIT.match(text, end))
            if spaced:
                unit, end = spaced.group(1), spaced.end()
        # (`_qualifier`'s first test written out: most figures have no qualifying word around
        # them, and the call costs more than the test; a figure with 万/亿 is asked too when
        # what follows could be damaged unit letters, `_DAMAGED_UNIT`)
        head = text[end:end + 1]
        if last in _QUALIFIER_LAST or head in _QUALIFIER_FIRST or last.isspace() \
                or head.isspace() or (mag and head in _DAMAGED_FIRST):
            qualifier, end = _qualifier(text, start, end, bool(mag))
        else:
            qualifier = EXACT
        per = _PER_HEAD.match(text, end) if text.startswith("/", end) else None
        if per and unit and "/" not in unit:  # 15平方米/人 is a per-head standard
            unit, end = f"{unit}/{per.group(1)}", per.end()
        if more:
            qualifier = APPROX
        if unit == "万" and _MONEY_LABEL.search(text, max(0, start - 12), start):
            unit = "万元"  # 下达资金150万: 万 without 元 after a money word is money
        out.append(Figure(value, unit, start, end, text[start:end], qualifier))
    chinese = _chinese_figures(text, out)
    if chinese:  # (the Arabic figures come in order)
        out.extend(chinese)
        out.sort(key=lambda f: f.start)
    return tuple(out)


def _unit(m: re.Match[str], text: str, mag: str | None, qty: str | None,
          unit: str | None) -> str | None:
    """The figure's unit from the match's groups (mag, qty and unit passed in, as read once
    by the caller); None when the unit letters run into a word."""
    mag = mag or ""
    if qty:
        qty = _UNIT_MAP.get(qty, qty)
        per = m.group("per")
        # "20/.平方米": the money unit (and the period) were lost in publishing.
        if not m.group("price") and (m.group("damage") or per is None):
            return f"?/{qty}" if m.group("damage") or text[m.start("qty") - 1] == "/" else None
        money = f"{mag}元"
        if qty in ("月", "年", "天", "日"):
            return f"{money}/{qty}"
        return f"{money}/{qty}" + (f"/{per}" if per else "")
    if unit is None:
        return mag
    bad = _BAD_AFTER.get(unit)
    if bad is not None:
        after = text[m.end():m.end() + 1]
        if after and after in bad:
            return None
    canonical = _UNIT_MAP.get(unit, unit)
    if canonical == "千元":
        return canonical
    return f"{mag}{canonical}"


def _chinese_figures(text: str, arabic: list[Figure]) -> list[Figure]:
    """Counts written in Chinese numerals (十三个, 两家); cn2an does the conversion."""
    out: list[Figure] = []
    if _CN_START.search(text) is None:
        return out
    taken: list[tuple[int, int]] | None = None
    starts: list[int] = []
    for m in _found(_CN_FIGURE, _CN_GLUED_BEFORE, text):
        if taken is None:  # sorted once, and only for a line with Chinese numerals
            taken = sorted((f.start, f.end) for f in arabic)
            starts = [a for a, _ in taken]
        i = bisect_left(starts, m.end())  # figures starting before this match ends …
        if any(b > m.start() for _, b in taken[max(0, i - 3):i]):
            continue  # … overlap it when one of them ends after it starts
        num = m.group("num")
        if len(num) == 1 and num in "一两" and m.group("unit") not in ("万元", "元"):
            # "一个"/"两个" are usually articles ("一个中心"), rarely counts worth auditing.
            continue
        try:
            value = cn2an.cn2an(num, "strict")
        except (ValueError, KeyError, IndexError, TypeError):
            continue
        if not isinstance(value, int):
            continue
        qualifier, end = _qualifier(text, m.start(), m.end(), False)
        out.append(Figure(Decimal(value), m.group("unit"), m.start(), end, text[m.start():end],
                          qualifier))
    return out


# Pinyin a repost site put after characters (績(jī)效, 預(yù)算執(zhí)行率): a tone-marked
# syllable in brackets right after a Chinese character. It splits the genre's words, so it
# is dropped before anything is read (round 3: 108, 134, 135, 152, 179). A tone mark is
# required: "(m)", "(km)" after a word are units.
# (the bracket first, then the look-behind for the character before it: the engine jumps from
# bracket to bracket instead of trying the look-behind at every position of the line)
_PINYIN = re.compile(r"\((?<=[\u4e00-\u9fff]\()(?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])"
                     r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


def extract_line(number: int, text: str, numbers: dict[str, Decimal] | None = None) -> AuditLine:
    """One `AuditLine`: the line's text (normalised, pinyin glosses dropped) and its figures
    (`numbers`: the document's numbers already parsed, see `extract_figures`)."""
    text = normalise(text)
    if "(" in text:
        text = _PINYIN.sub("", text)
    return AuditLine(number, text, extract_figures(text, normalised=True, numbers=numbers))
