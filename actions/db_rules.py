"""A database rule: an action's owner belongs to the action's own local authority.

A check constraint cannot look across tables, so this is a trigger (on PostgreSQL
and on SQLite) that refuses the row with a message a person understands.

SQLite drops a table's triggers when a migration rebuilds the table (AddField,
AlterField ...), so ActionsConfig installs the rule again after every migrate
(post_migrate); tests fail if the rule is missing.
"""

MESSAGE = "The owner must belong to the same local authority as the action."

OWNER_LA = "(SELECT u.local_authority_id FROM accounts_user u WHERE u.id = NEW.owner_id)"
ACTION_LA = (
    "(SELECT i.local_authority_id FROM inspections_improvementarea a "
    "JOIN inspections_inspection i ON i.id = a.inspection_id WHERE a.id = NEW.improvement_area_id)"
)

SQLITE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS action_owner_same_la_{event.lower()}
    BEFORE {event} ON actions_actionitem
    WHEN {OWNER_LA} IS NOT {ACTION_LA}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """
    for event in ("INSERT", "UPDATE")
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS action_owner_same_la_insert;",
    "DROP TRIGGER IF EXISTS action_owner_same_la_update;",
]

POSTGRES = f"""
CREATE OR REPLACE FUNCTION action_owner_same_la() RETURNS trigger AS $$
BEGIN
    IF {OWNER_LA} IS DISTINCT FROM {ACTION_LA} THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS action_owner_same_la ON actions_actionitem;
CREATE TRIGGER action_owner_same_la
BEFORE INSERT OR UPDATE OF owner_id, improvement_area_id ON actions_actionitem
FOR EACH ROW EXECUTE FUNCTION action_owner_same_la();
"""
POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS action_owner_same_la ON actions_actionitem;
DROP FUNCTION IF EXISTS action_owner_same_la();
"""


def install_owner_rule(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES)
    elif vendor == "sqlite":
        for statement in SQLITE:
            schema_editor.execute(statement)


def remove_owner_rule(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_REVERSE)
    elif vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)
