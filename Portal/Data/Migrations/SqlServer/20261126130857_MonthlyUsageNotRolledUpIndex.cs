using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MonthlyUsageNotRolledUpIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_MonthlyUsage_NotRolledUp",
                table: "MonthlyUsage",
                column: "AccountId",
                filter: "\"ProfileSums\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MonthlyUsage_NotRolledUp",
                table: "MonthlyUsage");
        }
    }
}
