"""The allowed values of the record kinds' choice columns, with the ways teachers write them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    """An allowed value: what is stored, its English label, and other ways teachers write it."""

    value: str
    en: str
    aliases: tuple[str, ...] = ()


COURSE_FORMATS = (
    Choice("กลุ่มสนใจ", "Interest group", ("กลุ่มสนใจ (ไม่เกิน 30 ชม.)", "interest group")),
    Choice("ชั้นเรียนวิชาชีพ", "Vocational class", ("ชั้นเรียนอาชีพ", "vocational class")),
    Choice("ฝึกอบรมประชาชน", "Public training", ("การฝึกอบรมประชาชน", "อบรมประชาชน", "public training")),
    Choice("การเรียนรู้รายบุคคล", "Individual learning", ("รายบุคคล", "individual")),
)
OCCUPATION_GROUPS = (
    Choice("เกษตรกรรม", "Agriculture", ("เกษตร", "agriculture")),
    Choice("ประมงและแปรรูปสัตว์น้ำ", "Fisheries and seafood processing", ("ประมง", "แปรรูปสัตว์น้ำ", "fisheries")),
    Choice("อาหารและเครื่องดื่ม", "Food and drink", ("อาหาร", "food")),
    Choice("หัตถกรรมและสร้างสรรค์", "Crafts and creative work", ("หัตถกรรม", "สร้างสรรค์", "crafts")),
    Choice("ช่างอุตสาหกรรม", "Industrial trades", ("อุตสาหกรรม", "ช่าง", "industry")),
    Choice("พาณิชยกรรมและบริการ", "Commerce and services", ("พาณิชยกรรม", "บริการ", "commerce")),
    Choice("อื่น ๆ", "Other", ("อื่นๆ", "อื่น", "other")),
)
TARGET_GROUPS = (
    Choice("ประชาชนทั่วไป", "General public", ("ประชาชน", "general public")),
    Choice("ผู้ว่างงาน", "Unemployed", ("ว่างงาน", "unemployed")),
    Choice("แม่บ้าน", "Housewives", ("กลุ่มแม่บ้าน", "housewife", "housewives")),
    Choice("เกษตรกร", "Farmers", ("farmer", "farmers")),
    Choice("ผู้สูงอายุ", "Older people", ("elderly",)),
    Choice("คนพิการ", "People with disabilities", ("ผู้พิการ", "disabled")),
    Choice("ผู้ใช้แรงงาน", "Workers", ("แรงงาน", "workers")),
    Choice("ผู้ต้องขัง", "Prisoners", ()),
    Choice("ทหารกองประจำการ", "Conscripts", ()),
    Choice("อื่น ๆ", "Other", ("อื่นๆ", "อื่น", "other")),
)
APPLIED_WAYS = (
    Choice("ใช้ในชีวิตประจำวัน", "Daily life", ("ชีวิตประจำวัน", "daily life")),
    Choice("ลดรายจ่าย", "Cutting costs", ("ลดค่าใช้จ่าย", "cut costs")),
    Choice("อาชีพเสริม", "Extra income", ("เพิ่มรายได้", "รายได้เสริม", "extra income")),
    Choice("อาชีพหลัก", "Main occupation", ("ประกอบอาชีพ", "main occupation")),
    Choice("รวมกลุ่มอาชีพ", "Formed an occupational group", ("รวมกลุ่ม", "ตั้งกลุ่มอาชีพ", "occupational group")),
)
SALES_CHANNELS = (
    Choice("ตลาดนัด", "Market", ("ตลาด", "market")),
    Choice("ร้านค้าชุมชน", "Community shop", ("ร้านค้า", "ร้านชุมชน", "shop")),
    Choice("ออนไลน์", "Online", ("online", "facebook", "เฟซบุ๊ก", "line", "ไลน์", "shopee", "lazada")),
    Choice("สั่งจอง", "Pre-order", ("สั่งทำ", "pre-order", "order")),
    Choice("อื่น ๆ", "Other", ("อื่นๆ", "อื่น", "other")),
)
ATTENDANCE_STATUS = (
    Choice("present", "Present", ("มา", "มาเรียน", "✓", "✔", "/", "1", "present")),
    Choice("absent", "Absent", ("ขาด", "ขาดเรียน", "0", "x", "absent")),
    Choice("leave", "On leave", ("ลา", "ลาป่วย", "ลากิจ", "leave")),
)
