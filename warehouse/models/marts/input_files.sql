-- Every input record a run read, and where it ended: new document, duplicate of one, or quarantine.
with inputs as (
    select * from int_inputs__classified
),

final as (
    select * from inputs
)

select * from final
