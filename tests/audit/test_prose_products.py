"""Products in the word orders of the genre (issue 10, branch i10q): unit price × quantity ×
periods (the seed's rent and property lines, 每平方米每月 / 月租金每平方米 / 元/㎡·月 / 按 X 元/人
标准), a share of an amount stated after its percentage (003: 还需拨付325万元，市级预算安排80%
计260万元).
"""

from __future__ import annotations

import pytest

from jixiao.services.figure_audit import audit_lines


def _products(lines: list[str]) -> set[str]:
    return {str(f.stated) for f in audit_lines(lines)
            if f.severity.value == "error" and f.code == "product-mismatch"}


RENT_FORMS = [
    "租用办公用房1000平方米，每平方米每月20元，全年租金{}。",
    "租用办公用房1000平方米，月租金每平方米20元，全年租金{}。",
    "租用办公用房1000平方米，每月每平方米20元，全年租金{}。",
    "租用办公用房1000平方米，每平方米租金每月20元，全年租金{}。",
    "租用办公用房1000平方米，租金每月20元/平方米，全年租金{}。",
    "租用办公用房1000平方米，租金20元/㎡·月，全年租金{}。",
    "租用办公用房1000㎡，租金20元/平方米/月，年租金{}。",
    "租用办公用房１０００平方米，每平方米每月２０元，全年租金{}。",
    "租用办公用房1000平方米，每平方米每月 20 元，全年租金{}。",
]


@pytest.mark.parametrize("form", RENT_FORMS)
def test_monthly_rent_in_every_word_order(form: str) -> None:
    assert _products([form.format("24万元")]) == set()
    assert _products([form.format("240000元")]) == set()
    assert _products([form.format("25万元")]) == {"25"}
    # approximate amounts are never exact operands
    assert _products([form.format("约25万元")]) == set()
    assert _products([form.format("25万元左右")]) == set()


def test_a_yearly_or_daily_price_is_not_read_monthly() -> None:
    assert _products(["租用办公用房1000平方米，租金每年20元/平方米，全年租金2万元。"]) == set()
    assert _products(["租用办公用房1000平方米，每平方米每年租金20元，全年租金2万元。"]) == set()
    # a daily price needs the billable days: never judged
    assert _products(["租用办公用房1000平方米，租金每日1元/平方米，全年租金30万元。"]) == set()


@pytest.mark.parametrize("form", [
    "按2000元/人的标准，补助50人，共计{}。",
    "补助50人，按每人2000元标准发放，共计{}。",
    "补助50人，按2000元/人标准发放，共计{}。",
    "共计{}，用于补助50人，每人2000元。",
])
def test_a_one_off_amount_per_head(form: str) -> None:
    assert _products([form.format("10万元")]) == set()
    assert _products([form.format("11万元")]) == {"11"}
    assert _products([form.format("约11万元")]) == set()


def test_a_share_of_an_amount_after_its_percentage() -> None:
    good = "还需拨付325万元，市级预算安排80%计260万元，隆阳区承担65万元。"
    assert _products([good]) == set()
    assert _products([good.replace("260", "229")]) == {"229"}
    assert _products([good.replace("80%", "104%")]) == {"260"}
    # full-width digits and percent sign, 元 for 万元, 即 / 为 / 合计
    assert _products(["还需拨付３２５万元，市级预算安排８０％即２６０万元。"]) == set()
    assert _products(["还需拨付325万元，市级预算安排80%，计2600000元。"]) == set()
    assert _products(["还需拨付325万元，市级预算安排80%合计2900000元。"]) == {"2900000"}
    # two shares of one whole: the second's base is the whole, not the first share
    two = "项目总投资500万元，其中省级补助60%即300万元，县级配套40%计{}万元。"
    assert _products([two.format(200)]) == set()
    assert _products([two.format(220)]) == {"220"}
    # approximate operands
    assert _products(["项目总投资约500万元，其中省级补助60%即320万元。"]) == set()
    assert _products(["项目总投资500万元，其中省级补助60%即约320万元。"]) == set()
    # a figure between the amount and the percentage: the base is not said
    assert _products(["项目总投资500万元，建设道路3公里，省级补助60%即320万元。"]) == set()


def test_an_amount_after_a_change_is_no_share() -> None:
    for text in ("本年收入较上年的100万元增长20%，为120万元。", "上年支出100万元，本年下降20%，为80万元。",
                 "项目预算100万元，较上年增加20%，即120万元。", "中标价100万元，下浮10%计90万元。"):
        assert _products([text]) == set(), text


def test_an_amount_named_after_a_rate_is_no_share() -> None:
    for text in ("项目投资100万元，设备利用率达90%，资金为50万元。",
                 "项目投资100万元，设备利用率达90%，为50万元。"):
        assert _products([text]) == set(), text
    assert _products(["还需拨付325万元，市级预算安排80%为229万元。"]) == {"229"}


PRICE_TABLE = ["附件：采购清单", "序号 | 品名 | 数量 | 单价（{pu}） | 金额（{au}）",
               "1 | 电脑 | 10台 | 5000 | {a}", "2 | 打印机 | 5 | 2,000.00 | {b}", "合计 |  |  |  | 60000"]


def test_a_price_list_printed_as_a_table() -> None:
    def table(a: str, b: str = "10000.00", pu: str = "元", au: str = "元") -> list[str]:
        return [x.format(a=a, b=b, pu=pu, au=au) for x in PRICE_TABLE]

    assert _products(table("50000")) == set()
    assert _products(table("55000")) == {"55000"}
    assert _products(table("50000", "12000.00")) == {"12000.00"}
    assert _products(table("５００００")) == set()
    assert _products(table("约55000")) == set()
    # 万元 amounts against 元 prices
    assert _products(table("5", "1", au="万元")) == set()
    assert _products(table("5.5", "1", au="万元")) == {"5.5"}
    # a row with a merged or empty cell is not read
    assert _products(["序号 | 品名 | 数量 | 单价（元） | 金额（元）", "1 | 电脑 | | 5000 | 55000"]) == set()


@pytest.mark.parametrize("text", [
    "发放补贴资金共计{total}万元，惠及农户1800户，户均补贴{price}元。",
    "惠及农户1800户，户均补贴{price}元，共计发放{total}万元。",
    "共补助1,800户，户均补助{price}元，合计{total}万元。",
])
def test_a_per_household_price(text: str) -> None:
    """户均 (per household) names a price per the clause's one count of 户, as 人均 does per 人:
    1800 户 × 2000 元 = 360 万元; the agricultural subsidy reports' wording."""
    assert _products([text.format(total="360", price="2000")]) == set()
    assert _products([text.format(total="360", price="2500")]) != set()
    assert _products([text.format(total="360", price="2500").replace("1800户", "约1800户")
                      .replace("1,800户", "约1,800户")]) == set()  # an approximate count is no operand
