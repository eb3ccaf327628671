using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Complaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ComplaintRoutingRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Version = table.Column<int>(type: "int", nullable: false),
                    Json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Comment = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintRoutingRules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ClaimedBy_Status",
                table: "Complaints",
                columns: new[] { "ClaimedBy", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CustomerUserId_SubmittedAt",
                table: "Complaints",
                columns: new[] { "CustomerUserId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Priority_SubmittedAt",
                table: "Complaints",
                columns: new[] { "Priority", "SubmittedAt" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_QueueCode_Priority_SubmittedAt",
                table: "Complaints",
                columns: new[] { "QueueCode", "Priority", "SubmittedAt" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintRoutingRules_Version",
                table: "ComplaintRoutingRules",
                column: "Version",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplaintRoutingRules");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_ClaimedBy_Status",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_CustomerUserId_SubmittedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Priority_SubmittedAt",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_QueueCode_Priority_SubmittedAt",
                table: "Complaints");
        }
    }
}
