"""UI text of sign-in, accounts and the audit log (i18n.py merges it into TEXT)."""

from __future__ import annotations

ACCESS_TEXT: dict[str, tuple[str, str]] = {
    "page_signin": ("เข้าสู่ระบบ", "Sign in"),
    "page_accounts": ("บัญชีผู้ใช้", "Accounts"),
    "page_audit": ("บันทึกการใช้งาน", "Audit log"),
    "signin_title": ("เข้าสู่ระบบ / Sign in", "Sign in / เข้าสู่ระบบ"),
    "username": ("ชื่อผู้ใช้", "Username"),
    "password": ("รหัสผ่าน", "Password"),
    "signin_button": ("เข้าสู่ระบบ", "Sign in"),
    "signin_sso": ("เข้าสู่ระบบด้วยบัญชีหน่วยงาน", "Sign in with your organisation's account"),
    "signin_wrong": (
        "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง ตรวจแป้นพิมพ์ภาษา (ไทย/อังกฤษ) แล้วลองใหม่ หากลืมรหัสผ่านให้ติดต่อผู้ดูแลระบบ",
        "Wrong username or password. Check the keyboard language (Thai/English) and try again; if you forgot"
        " your password, ask your administrator.",
    ),
    "signin_wait": (
        "ลองเข้าสู่ระบบผิดหลายครั้ง ให้รอสักครู่แล้วลองใหม่",
        "Too many failed tries; wait a little, then try again.",
    ),
    "session_ended": (
        "หมดเวลาการใช้งานหรือบัญชีถูกปิด ให้เข้าสู่ระบบอีกครั้ง",
        "Your session has ended (idle too long, or the account was changed); sign in again.",
    ),
    "signed_out": ("ออกจากระบบแล้ว", "You have signed out."),
    "sign_out": ("ออกจากระบบ", "Sign out"),
    "page_refused_title": ("หน้านี้ไม่ได้เปิดให้บทบาทของคุณ", "This page is not for your role"),
    "page_refused": (
        "บัญชีของคุณ ({role}) ใช้หน้านี้ไม่ได้ เลือกหน้าอื่นจากเมนูด้านซ้าย หรือติดต่อผู้ดูแลระบบหากต้องการสิทธิ์เพิ่ม",
        "Your account ({role}) cannot use this page; choose another page from the menu, or ask your"
        " administrator for more access.",
    ),
    "no_accounts_remote": (
        "ยังไม่มีบัญชีผู้ใช้ในระบบนี้ ผู้ดูแลเครื่องแม่ข่ายต้องสร้างบัญชีผู้ดูแลระบบคนแรกก่อน ด้วยคำสั่งนี้บนเครื่องแม่ข่าย",
        "This server has no accounts yet. Whoever runs the server must first create the first administrator,"
        " with this command on the server:",
    ),
    "local_admin_name": ("ผู้ดูแลระบบในเครื่องนี้", "Local administrator"),
    "local_admin_banner": (
        "ยังไม่มีบัญชีผู้ใช้: เปิดในฐานะผู้ดูแลระบบบนเครื่องนี้ ก่อนให้ผู้อื่นใช้ ให้สร้างบัญชีผู้ดูแลระบบคนแรก"
        " (ดู README)",
        "No accounts yet: you are the local administrator on this computer. Create the first administrator"
        " before others use it (see the README).",
    ),
    "include_names": ("รวมชื่อผู้เรียน (บันทึกการดาวน์โหลดไว้)", "Include learners' names (the download is logged)"),
    # accounts
    "account_add": ("เพิ่มบัญชี", "Add an account"),
    "account_edit": ("แก้ไขบัญชี", "Change an account"),
    "account": ("บัญชี", "Account"),
    "display_name": ("ชื่อที่แสดง", "Display name"),
    "role": ("บทบาท", "Role"),
    "unit_code": ("รหัสหน่วย", "Unit code"),
    "unit_code_help": (
        "รหัส กศน.ตำบล 6 หลัก อำเภอ 4 หลัก จังหวัด 2 หลัก หรือ TH (ทั้งประเทศ)",
        "a 6-digit centre, 4-digit district or 2-digit province code, or TH (the whole country)",
    ),
    "username_help": (
        "อักษรอังกฤษตัวเล็ก ตัวเลข จุด ขีด หรือขีดล่าง", "lower-case letters, digits, dots, dashes or underscores",
    ),
    "email": ("อีเมล", "E-mail"),
    "password_again": ("รหัสผ่านอีกครั้ง", "Password again"),
    "passwords_differ": ("รหัสผ่านสองช่องไม่ตรงกัน", "The two passwords differ"),
    "new_password": ("รหัสผ่านใหม่", "New password"),
    "account_added": ("เพิ่มบัญชี {user} แล้ว", "Added the account {user}"),
    "account_saved": ("บันทึกบทบาทของ {user} แล้ว", "Saved {user}'s role"),
    "account_password_set": (
        "ตั้งรหัสผ่านของ {user} แล้ว (ออกจากระบบทุกเครื่องแล้ว)", "Set {user}'s password (signed out everywhere)"
    ),
    "account_save_role": ("บันทึกบทบาทและหน่วย", "Save role and unit"),
    "account_set_password": ("ตั้งรหัสผ่าน", "Set password"),
    "account_disable": ("ปิดบัญชี", "Disable the account"),
    "account_enable": ("เปิดใช้บัญชี", "Enable the account"),
    "account_disabled": ("ปิดบัญชี {user} แล้ว", "Disabled {user}"),
    "account_enabled": ("เปิดใช้บัญชี {user} แล้ว", "Enabled {user}"),
    "no_accounts": ("ยังไม่มีบัญชีผู้ใช้", "No accounts yet"),
    "active": ("ใช้งานได้", "Active"),
    "disabled": ("ปิดแล้ว", "Disabled"),
    # audit log
    "audit_who": ("ผู้ใช้", "Who"),
    "audit_action": ("การกระทำ", "Action"),
    "audit_days": ("ช่วงวันที่", "Dates"),
}

AUDIT_ACTIONS: dict[str, tuple[str, str]] = {
    "sign_in": ("เข้าสู่ระบบ", "signed in"),
    "sign_in_failed": ("เข้าสู่ระบบไม่สำเร็จ", "failed sign-in"),
    "sign_in_refused": ("ถูกพักการเข้าสู่ระบบ", "sign-in held back"),
    "sign_out": ("ออกจากระบบ", "signed out"),
    "upload": ("นำเข้าข้อมูล", "upload"),
    "undo": ("ยกเลิกชุดนำเข้า", "undo"),
    "set_target": ("ตั้งค่าเป้าหมาย", "target set"),
    "delete_target": ("ลบค่าเป้าหมาย", "target removed"),
    "set_quality_levels": ("ตั้งเกณฑ์ระดับคุณภาพ", "quality bands set"),
    "set_attendance_threshold": ("ตั้งเกณฑ์เวลาเรียน", "attendance threshold set"),
    "add_user": ("เพิ่มบัญชี", "account added"),
    "set_role": ("เปลี่ยนบทบาท", "role changed"),
    "set_password": ("ตั้งรหัสผ่าน", "password set"),
    "disable_user": ("ปิดบัญชี", "account disabled"),
    "enable_user": ("เปิดใช้บัญชี", "account enabled"),
    "view_names": ("ดูรายชื่อผู้เรียน", "viewed names"),
    "export_names": ("ดาวน์โหลดพร้อมชื่อ", "exported names"),
    "upgrade": ("ปรับรุ่นฐานข้อมูล", "database upgrade"),
    "remove_sample": ("ลบข้อมูลตัวอย่าง", "sample removed"),
    "sign_off": ("ลงนามรับรองปีงบประมาณ", "year signed off"),
    "reopen": ("เปิดปีงบประมาณให้แก้ไข", "year reopened"),
    "review_note": ("บันทึกผลการตรวจ", "review noted"),
    "set_evidence_rule": ("ตั้งเกณฑ์หลักฐานของ 1.3", "1.3 evidence rule set"),
    "narrative": ("แก้ไขเนื้อหารายงาน", "report text edited"),
    "add_photo": ("เพิ่มภาพ", "photo added"),
    "view_photos": ("ดูภาพหลักฐาน", "viewed evidence photos"),
    "purge_photos": ("ลบไฟล์ภาพที่ไม่ใช้แล้ว", "unused photo files erased"),
    "report": ("สร้างรายงาน", "report generated"),
}
