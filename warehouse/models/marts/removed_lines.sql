-- Cleaning audit: every page line kept out of a body, with its reason code.
with removed as (
    select * from stg_lake__removed_lines
),

documents as (
    select document_id, run_id from int_documents__deduplicated
),

final as (
    select removed.document_id, removed.line, removed.text, removed.reason, removed.run_id
    from removed
    inner join documents
        on removed.document_id = documents.document_id
        and removed.run_id = documents.run_id
)

select * from final
