"""Default contents of the indicator library (指标库), loaded by a data migration so that
every installation starts with them (not only the demo).

Rows: (project type, 一级, 二级, 三级, operator, unit, suggested weight, target hint, source).
The 房租物业 rows are the Baoshan 2022 rent project's indicators (examples/); the 通用 rows
are the usual indicators of 财预〔2020〕10号 tables; weights follow 10/50/30/10.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db.models import Model

BAOSHAN = "保山市政务服务管理局 2022 年房租及物业补助经费项目自评"
GENERAL = "财预〔2020〕10号 常用指标"

DEFAULT_LIBRARY: tuple[tuple[str, str, str, str, str, str, str, str, str], ...] = (
    ("房租物业", "产出指标", "数量指标", "行政审批服务办公场所面积", ">=", "平方米", "10", "5236", BAOSHAN),
    ("房租物业", "产出指标", "数量指标", "集中办事、独立及综合服务窗口数", ">=", "个", "5", "108", BAOSHAN),
    ("房租物业", "产出指标", "数量指标", "中介服务办公场所面积", ">=", "平方米", "5", "100", BAOSHAN),
    ("房租物业", "产出指标", "数量指标", "公共资源交易场所面积", ">=", "平方米", "10", "1941", BAOSHAN),
    ("房租物业", "产出指标", "质量指标", "办公场所安保服务覆盖率", "=", "%", "5", "100", BAOSHAN),
    ("房租物业", "产出指标", "时效指标", "租金及物业费支付及时率", "=", "%", "5", "100", BAOSHAN),
    ("房租物业", "产出指标", "成本指标", "房租及物业费支出", "<=", "元", "10", "预算数", BAOSHAN),
    ("房租物业", "效益指标", "社会效益指标", "企业开办时间", "<=", "个工作日", "5", "3", BAOSHAN),
    ("房租物业", "效益指标", "社会效益指标", "实体大厅一窗通办事项数量", ">=", "项", "5", "3558", BAOSHAN),
    ("房租物业", "效益指标", "社会效益指标", "审批事项按时办结率", ">=", "%", "5", "100", BAOSHAN),
    ("房租物业", "效益指标", "社会效益指标", "12345热线电话接通率", ">=", "%", "5", "95", BAOSHAN),
    ("房租物业", "效益指标", "社会效益指标", "政务服务网上可办率", ">=", "%", "5", "100", BAOSHAN),
    ("房租物业", "效益指标", "可持续影响指标", "保障两个中心正常运转", "qualitative", "", "5",
     "全年正常运转", BAOSHAN),
    ("房租物业", "满意度指标", "服务对象满意度指标", "服务对象满意度", ">=", "%", "10", "90", BAOSHAN),
    ("通用", "产出指标", "数量指标", "完成任务数量", ">=", "项", "15", "", GENERAL),
    ("通用", "产出指标", "质量指标", "验收合格率", "=", "%", "15", "100", GENERAL),
    ("通用", "产出指标", "时效指标", "任务按时完成率", ">=", "%", "10", "100", GENERAL),
    ("通用", "产出指标", "成本指标", "成本控制数", "<=", "万元", "10", "预算数", GENERAL),
    ("通用", "效益指标", "经济效益指标", "节约资金", ">=", "万元", "10", "", GENERAL),
    ("通用", "效益指标", "社会效益指标", "惠及人数", ">=", "人", "10", "", GENERAL),
    ("通用", "效益指标", "生态效益指标", "生态环境影响", "qualitative", "", "5", "无负面影响", GENERAL),
    ("通用", "效益指标", "可持续影响指标", "长效管理机制建立", "qualitative", "", "5", "建立", GENERAL),
    ("通用", "满意度指标", "服务对象满意度指标", "服务对象满意度", ">=", "%", "10", "90", GENERAL),
    ("信息化运维", "产出指标", "质量指标", "系统可用率", ">=", "%", "20", "99.9", GENERAL),
    ("信息化运维", "产出指标", "时效指标", "故障修复及时率", ">=", "%", "15", "95", GENERAL),
    ("信息化运维", "产出指标", "数量指标", "运维服务对象数量", ">=", "个", "15", "", GENERAL),
    ("信息化运维", "效益指标", "社会效益指标", "保障业务正常开展", "qualitative", "", "30",
     "效果明显", GENERAL),
    ("信息化运维", "满意度指标", "服务对象满意度指标", "使用单位满意度", ">=", "%", "10", "90", GENERAL),
)


def seed_library(model: type[Model]) -> int:
    """Insert the default rows that are missing; returns how many were added."""
    added = 0
    for ptype, cat, sub, name, op, unit, weight, hint, source in DEFAULT_LIBRARY:
        # `model` is the migration's historical model: reached through the manager every
        # model has (`objects` is only declared on concrete model classes)
        _, created = model._default_manager.get_or_create(
            project_type=ptype, name=name,
            defaults={"category": cat, "subcategory": sub, "operator": op,
                      "unit_of_measure": unit, "suggested_weight": weight,
                      "target_hint": hint, "source": source})
        added += int(created)
    return added
